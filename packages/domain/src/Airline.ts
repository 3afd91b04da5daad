/**
 * The airline addendum of a checkout session: booking and ticket data, its
 * legs and its passengers.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import {
  Amount,
  BoundedString,
  CalendarDate,
  CountryCode,
  DateTimeUtc,
  optionalNullable,
  PhoneNumber,
  WireStruct
} from "./Primitives.ts"

/**
 * One flight of an itinerary.
 *
 * @category models
 * @since 0.1.0
 */
export const AirlineLeg = WireStruct("AirlineLeg", {
  arrivalAirport: optionalNullable(BoundedString(3, 3)),
  arrivalAt: optionalNullable(DateTimeUtc),
  arrivalCity: optionalNullable(BoundedString(1, 100)),
  arrivalCountry: optionalNullable(CountryCode),
  carrierCode: optionalNullable(BoundedString(2, 3)),
  carrierName: optionalNullable(BoundedString(1)),
  iataDesignator: optionalNullable(BoundedString(2, 2)),
  icaoCode: optionalNullable(BoundedString(3, 3)),
  couponNumber: optionalNullable(BoundedString(1, 50)),
  departureAirport: optionalNullable(BoundedString(3, 3)),
  departureAt: optionalNullable(DateTimeUtc),
  departureCity: optionalNullable(BoundedString(1, 100)),
  departureCountry: optionalNullable(CountryCode),
  departureTaxAmount: optionalNullable(Amount),
  fareAmount: optionalNullable(Amount),
  fareBasisCode: optionalNullable(BoundedString(1, 8)),
  feeAmount: optionalNullable(Amount),
  flightClass: optionalNullable(BoundedString(1, 5)),
  flightNumber: optionalNullable(BoundedString(3, 6)),
  routeType: optionalNullable(Schema.Literals(["round_trip", "one_way"])),
  seatClass: optionalNullable(BoundedString(1, 5)),
  stopOver: optionalNullable(Schema.Boolean),
  taxAmount: optionalNullable(Amount)
})

/**
 * @category models
 * @since 0.1.0
 */
export type AirlineLeg = typeof AirlineLeg.Type

/**
 * A traveller.
 *
 * @category models
 * @since 0.1.0
 */
export const AirlinePassenger = WireStruct("AirlinePassenger", {
  ageGroup: optionalNullable(Schema.Literals(["adult", "infant"])),
  dateOfBirth: optionalNullable(CalendarDate),
  emailAddress: optionalNullable(BoundedString(1, 320)),
  firstName: optionalNullable(BoundedString(1, 255)),
  frequentFlyerNumber: optionalNullable(BoundedString(5, 50)),
  lastName: optionalNullable(BoundedString(1, 255)),
  passportNumber: optionalNullable(BoundedString(1, 50)),
  phoneNumber: optionalNullable(PhoneNumber),
  ticketNumber: optionalNullable(BoundedString(1, 50)),
  title: optionalNullable(BoundedString(1, 50)),
  countryCode: optionalNullable(CountryCode)
})

/**
 * @category models
 * @since 0.1.0
 */
export type AirlinePassenger = typeof AirlinePassenger.Type

/**
 * Airline travel data: up to 20 legs and 20 passengers.
 *
 * @category models
 * @since 0.1.0
 */
export const Airline = WireStruct("Airline", {
  bookingCode: optionalNullable(BoundedString(1, 50)),
  isCardholderTraveling: optionalNullable(Schema.Boolean),
  issuedAddress: optionalNullable(BoundedString(1, 255)),
  issuedAt: optionalNullable(DateTimeUtc),
  issuingCarrierCode: optionalNullable(BoundedString(2, 3)),
  issuingCarrierName: optionalNullable(BoundedString(1)),
  issuingIataDesignator: optionalNullable(BoundedString(2, 2)),
  issuingIcaoCode: optionalNullable(BoundedString(3, 3)),
  legs: optionalNullable(Schema.Array(AirlineLeg).check(Schema.isMaxLength(20))),
  passengerNameRecord: optionalNullable(BoundedString(1, 50)),
  passengers: optionalNullable(Schema.Array(AirlinePassenger).check(Schema.isMaxLength(20))),
  reservationSystem: optionalNullable(BoundedString(1, 200)),
  restrictedTicket: optionalNullable(Schema.Boolean),
  ticketDeliveryMethod: optionalNullable(Schema.Literals(["electronic", "other"])).annotateKey({
    default: "electronic"
  }),
  ticketNumber: optionalNullable(BoundedString(1, 50)),
  travelAgencyCode: optionalNullable(BoundedString(1, 50)),
  travelAgencyInvoiceNumber: optionalNullable(BoundedString(1, 50)),
  travelAgencyName: optionalNullable(BoundedString(1, 200)),
  travelAgencyPlanName: optionalNullable(BoundedString(1, 200))
})

/**
 * @category models
 * @since 0.1.0
 */
export type Airline = typeof Airline.Type
