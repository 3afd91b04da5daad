/**
 * The guest buyer of a checkout session: billing and shipping details, their
 * address and tax id.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { BoundedString, CountryCode, optionalNullable, PhoneNumber, WireStruct } from "./Primitives.ts"

/**
 * A postal address.
 *
 * @category models
 * @since 0.1.0
 */
export const Address = WireStruct("Address", {
  city: optionalNullable(BoundedString(1, 100)),
  country: optionalNullable(CountryCode),
  postalCode: optionalNullable(BoundedString(1, 50)),
  state: optionalNullable(BoundedString(1, 255)),
  stateCode: optionalNullable(Schema.String.check(Schema.isPattern(/^[A-Z]{2}-[A-Z0-9]{1,3}$/u))),
  houseNumberOrName: optionalNullable(BoundedString(1, 255)),
  line1: optionalNullable(BoundedString(1, 255)),
  line2: optionalNullable(BoundedString(1, 255)),
  organization: optionalNullable(BoundedString(1, 255))
})

/**
 * @category models
 * @since 0.1.0
 */
export type Address = typeof Address.Type

/**
 * The kinds of tax id the API knows (58 of them, `<country>.<kind>`).
 *
 * @category models
 * @since 0.1.0
 */
export const TaxIdKind = Schema.Literals([
  "ae.trn",
  "au.abn",
  "ar.dni",
  "ar.cuil",
  "ar.cuit",
  "br.cnpj",
  "br.cpf",
  "ca.bn",
  "ca.gst_hst",
  "ca.pst_bc",
  "ca.pst_mb",
  "ca.pst_sk",
  "ca.qst",
  "ch.vat",
  "cl.tin",
  "co.itin",
  "co.nit",
  "co.cc",
  "co.ce",
  "co.de",
  "co.rc",
  "co.ti",
  "co.passport",
  "es.cif",
  "eu.vat",
  "gb.vat",
  "hk.br",
  "id.nik",
  "id.npwp",
  "in.gst",
  "in.pan",
  "jp.cn",
  "jp.rn",
  "kr.brn",
  "li.uid",
  "mx.curp",
  "mx.rfc",
  "my.frp",
  "my.itn",
  "my.nric",
  "my.sst",
  "no.vat",
  "nz.gst",
  "pe.ruc",
  "ph.tin",
  "ru.inn",
  "ru.kpp",
  "sa.vat",
  "sg.gst",
  "sg.uen",
  "th.id",
  "th.vat",
  "tw.vat",
  "us.ein",
  "za.vat",
  "bo.ci",
  "uy.rut",
  "uy.ci"
]).annotate({ identifier: "TaxIdKind" })

/**
 * @category models
 * @since 0.1.0
 */
export type TaxIdKind = typeof TaxIdKind.Type

/**
 * A tax id and its kind.
 *
 * @category models
 * @since 0.1.0
 */
export const TaxId = WireStruct("TaxId", {
  value: BoundedString(1, 50),
  kind: TaxIdKind
})

/**
 * @category models
 * @since 0.1.0
 */
export type TaxId = typeof TaxId.Type

/**
 * The contact fields billing and shipping details share (names, email
 * address, phone number, address), as struct fields.
 *
 * @category models
 * @since 0.2.0
 */
export const contactFields = {
  firstName: optionalNullable(BoundedString(1, 255)),
  lastName: optionalNullable(BoundedString(1, 255)),
  emailAddress: optionalNullable(BoundedString(1, 320)),
  phoneNumber: optionalNullable(PhoneNumber),
  address: optionalNullable(Address)
}

/**
 * The buyer's billing details.
 *
 * @category models
 * @since 0.1.0
 */
export const BillingDetails = WireStruct("BillingDetails", {
  ...contactFields,
  taxId: optionalNullable(TaxId)
})

/**
 * @category models
 * @since 0.1.0
 */
export type BillingDetails = typeof BillingDetails.Type

/**
 * Where the order ships to.
 *
 * @category models
 * @since 0.1.0
 */
export const ShippingDetailsCreate = WireStruct("ShippingDetailsCreate", contactFields)

/**
 * @category models
 * @since 0.1.0
 */
export type ShippingDetailsCreate = typeof ShippingDetailsCreate.Type

/**
 * A buyer without a stored buyer record.
 *
 * @category models
 * @since 0.1.0
 */
export const GuestBuyer = WireStruct("GuestBuyer", {
  displayName: optionalNullable(BoundedString(1, 200)),
  externalIdentifier: optionalNullable(BoundedString(1, 200)),
  billingDetails: optionalNullable(BillingDetails),
  accountNumber: optionalNullable(BoundedString(1, 200)),
  shippingDetails: optionalNullable(ShippingDetailsCreate)
})

/**
 * @category models
 * @since 0.1.0
 */
export type GuestBuyer = typeof GuestBuyer.Type
