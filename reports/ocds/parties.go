package ocds

import (
	"strconv"

	"govbuy"
)

// Method maps a purchase method to the OCDS method codelist, by the
// codelist's definitions: open (all interested suppliers may tender),
// selective (only qualified suppliers are invited), limited (the buyer
// contacts suppliers of its choice), direct (one supplier, no competition).
// 公开招标 and 公开招聘 are open to all; 邀请招标 invites qualified
// suppliers (selective); 竞争性谈判, 竞争性磋商 and 询价 invite at least
// three suppliers the buyer picks by notice, from the supplier library or
// by recommendation, as 有限竞争 and 定向招聘 (in the wardens' own villages)
// choose among some (limited); 单一来源, 定向委托 and 双方协商 deal with one
// supplier without competition (direct, which the 1.1.5 codelist has for
// exactly this). ok is false for the ways that say nothing of competition
// (框架协议, 岗位外包, 其他): the export then gives procurementMethodDetails
// alone rather than guess.
func Method(m govbuy.Method) (code string, ok bool) {
	code, ok = methodCodes[m]
	return code, ok
}

var methodCodes = map[govbuy.Method]string{
	govbuy.MethodOpenTender:     "open",
	govbuy.MethodOpenHire:       "open",
	govbuy.MethodInvitedTender:  "selective",
	govbuy.MethodNegotiation:    "limited",
	govbuy.MethodConsultation:   "limited",
	govbuy.MethodInquiry:        "limited",
	govbuy.MethodLimitedCompete: "limited",
	govbuy.MethodDirectHire:     "limited",
	govbuy.MethodSingleSource:   "direct",
	govbuy.MethodDirectEntrust:  "direct",
	govbuy.MethodMutualAgree:    "direct",
}

// unitParty is the purchasing unit: the buyer, which also runs the
// procurement and pays.
func unitParty(u *govbuy.Unit) Organization {
	o := Organization{Name: u.Name, Roles: []string{"buyer", "procuringEntity", "payer"}}
	o.ID, o.Identifier = partyID("unit", u.ID, u.Code, u.Name)
	return o
}

// contractorParty is the contractor: the supplier, paid under the
// contract. An individual is named but neither identified nor located: a
// 身份证号 and a home address are personal data.
func contractorParty(k *govbuy.Contractor) Organization {
	o := Organization{Name: k.Name, Roles: []string{"supplier", "payee"}}
	if k.Type.IsIndividual() {
		o.ID, _ = partyID("contractor", k.ID, "", k.Name)
		return o
	}
	o.ID, o.Identifier = partyID("contractor", k.ID, k.CreditCode, k.Name)
	if k.Address != "" {
		o.Address = &Address{StreetAddress: k.Address, CountryName: "中国"}
	}
	return o
}

// partyID identifies a party by its 统一社会信用代码 when it has a valid
// one (CN-USCC-…); else by its record here (govbuy-unit-7), with no
// identifier: one that fails its check, or a budget code, is not
// published as if it were registered.
func partyID(kind string, id int64, code, name string) (string, *Identifier) {
	if len(code) == 18 && govbuy.ValidateCreditCode(code) == nil {
		return SchemeUSCC + "-" + code, &Identifier{Scheme: SchemeUSCC, ID: code, LegalName: name}
	}
	return "govbuy-" + kind + "-" + strconv.FormatInt(id, 10), nil
}
