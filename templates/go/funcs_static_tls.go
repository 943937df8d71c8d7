package kotstemplate

import (
	"encoding/base64"
	"reflect"
	"sync"

	sprig "github.com/Masterminds/sprig/v3"
)

// tlsPair is a PEM certificate and its PEM private key (kots static_context.go TLSPair).
type tlsPair struct{ Cert, Key string }

// KOTS keeps generated certificates in process-wide maps so that TLSCert and TLSKey (or
// TLSCertFromCA and TLSKeyFromCA) called with the same names return a matching pair, and every CA
// is generated once (kots static_context.go tlsMap, caMap). So do we, for the life of the module.
var (
	tlsMu    sync.Mutex
	tlsCache = map[string]tlsPair{}
	caCache  = map[string]tlsPair{}
)

var sprigGeneric = sync.OnceValue(func() map[string]interface{} { return sprig.GenericFuncMap() })

// callSprigCert calls one of sprig's certificate generators (genCA, genSelfSignedCert,
// genSignedCert, buildCustomCert) by name and returns its Cert and Key.
func callSprigCert(name string, args ...interface{}) (tlsPair, error) {
	fn := reflect.ValueOf(sprigGeneric()[name])
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		if a == nil {
			in[i] = reflect.Zero(fn.Type().In(i))
		} else {
			in[i] = reflect.ValueOf(a)
		}
	}
	out := fn.Call(in)
	if err, _ := out[1].Interface().(error); err != nil {
		return tlsPair{}, err
	}
	return tlsPair{Cert: out[0].FieldByName("Cert").String(), Key: out[0].FieldByName("Key").String()}, nil
}

// stringList checks that every item is a string: KOTS formats each with %q into a sprig `list`,
// so a non-string item makes its certificate template fail and the pair come out empty.
func stringList(items []interface{}) ([]interface{}, bool) {
	for _, it := range items {
		if _, ok := it.(string); !ok {
			return nil, false
		}
	}
	if items == nil {
		items = []interface{}{}
	}
	return items, true
}

// genSelfSigned is KOTS's genSelfSignedCert: sprig genSelfSignedCert (WithKey when a pooled key
// is there); any failure (a bad IP, a non-string list item) gives an empty pair, which KOTS logs
// and caches like a good one. tlsMu must be held.
func genSelfSigned(cn string, ips, dns []interface{}, days int) tlsPair {
	ipl, ok1 := stringList(ips)
	dnl, ok2 := stringList(dns)
	if !ok1 || !ok2 {
		return tlsPair{}
	}
	var p tlsPair
	var err error
	if key := takePooledKeyLocked(); key != "" {
		p, err = callSprigCert("genSelfSignedCertWithKey", cn, ipl, dnl, days, key)
	} else {
		p, err = callSprigCert("genSelfSignedCert", cn, ipl, dnl, days)
	}
	if err != nil {
		return tlsPair{}
	}
	return p
}

// caLocked returns the CA named caName, generating it (sprig genCA with CN caName) the first time;
// tlsMu must be held. A failed generation caches an empty pair, as KOTS does.
func caLocked(caName string, days int) tlsPair {
	if p, ok := caCache[caName]; ok {
		return p
	}
	var p tlsPair
	var err error
	if key := takePooledKeyLocked(); key != "" {
		p, err = callSprigCert("genCAWithKey", caName, days, key)
	} else {
		p, err = callSprigCert("genCA", caName, days)
	}
	if err != nil {
		p = tlsPair{}
	}
	caCache[caName] = p
	return p
}

// genSignedLocked is KOTS's genSignedCert: the CA (created if missing, with this certificate's
// daysValid), rebuilt by sprig buildCustomCert, signs a sprig genSignedCert; failures give an empty pair.
func genSignedLocked(caName, cn string, ips, dns []interface{}, days int) tlsPair {
	ca := caLocked(caName, days)
	ipl, ok1 := stringList(ips)
	dnl, ok2 := stringList(dns)
	if !ok1 || !ok2 {
		return tlsPair{}
	}
	fn := reflect.ValueOf(sprigGeneric()["buildCustomCert"])
	out := fn.Call([]reflect.Value{
		reflect.ValueOf(base64.StdEncoding.EncodeToString([]byte(ca.Cert))),
		reflect.ValueOf(base64.StdEncoding.EncodeToString([]byte(ca.Key))),
	})
	if err, _ := out[1].Interface().(error); err != nil {
		return tlsPair{}
	}
	args := []reflect.Value{reflect.ValueOf(cn), reflect.ValueOf(ipl), reflect.ValueOf(dnl), reflect.ValueOf(days), out[0]}
	signer := reflect.ValueOf(sprigGeneric()["genSignedCert"])
	if key := takePooledKeyLocked(); key != "" {
		signer = reflect.ValueOf(sprigGeneric()["genSignedCertWithKey"])
		args = append(args, reflect.ValueOf(key))
	}
	res := signer.Call(args)
	if err, _ := res[1].Interface().(error); err != nil {
		return tlsPair{}
	}
	return tlsPair{Cert: res[0].FieldByName("Cert").String(), Key: res[0].FieldByName("Key").String()}
}

// tlsCert is TLSCert(certName, cn, ips, alternateDNS, daysValid) (kots static_context.go tlsCert):
// a self-signed certificate (PEM), generated once per "certName:cn" and also remembered under
// certName alone so that TLSKey certName (one argument) finds its key.
func tlsCert(certName, cn string, ips, alternateDNS []interface{}, daysValid int) string {
	tlsMu.Lock()
	defer tlsMu.Unlock()
	key := certName + ":" + cn
	if p, ok := tlsCache[key]; ok {
		return p.Cert
	}
	p := genSelfSigned(cn, ips, alternateDNS, daysValid)
	tlsCache[key] = p
	tlsCache[certName] = p
	return p.Cert
}

// tlsKey is TLSKey (kots static_context.go tlsKey). With exactly four arguments after certName —
// cn (string), ips and alternateDNS (lists or nil) and daysValid (int) — it returns the key of the
// pair cached under "certName:cn", generating it if needed (then only under that key). With any
// other count it returns the key of the pair last remembered under certName by TLSCert, or "".
// Arguments of the wrong type give "".
func tlsKey(certName string, args ...interface{}) string {
	tlsMu.Lock()
	defer tlsMu.Unlock()
	if len(args) != 4 {
		if p, ok := tlsCache[certName]; ok {
			return p.Key
		}
		return ""
	}
	cn, ok := args[0].(string)
	if !ok {
		return ""
	}
	ips, ok := args[1].([]interface{})
	if args[1] != nil && !ok {
		return ""
	}
	dns, ok := args[2].([]interface{})
	if args[2] != nil && !ok {
		return ""
	}
	days, ok := args[3].(int)
	if !ok {
		return ""
	}
	key := certName + ":" + cn
	if p, ok := tlsCache[key]; ok {
		return p.Key
	}
	p := genSelfSigned(cn, ips, dns, days)
	tlsCache[key] = p
	return p.Key
}

// tlsCACert is TLSCACert(caName, daysValid) (kots static_context.go tlsCaCert): the CA
// certificate named caName (its CN), generated once.
func tlsCACert(caName string, daysValid int) string {
	tlsMu.Lock()
	defer tlsMu.Unlock()
	return caLocked(caName, daysValid).Cert
}

// tlsCertFromCA is TLSCertFromCA(caName, certName, cn, ips, alternateDNS, daysValid)
// (kots static_context.go tlsCertFromCa): a certificate signed by the CA caName (created if
// missing), cached under "caName:certName:cn" together with its key.
func tlsCertFromCA(caName, certName, cn string, ips, alternateDNS []interface{}, daysValid int) string {
	return signedPair(caName, certName, cn, ips, alternateDNS, daysValid).Cert
}

// tlsKeyFromCA is TLSKeyFromCA, the key of the pair TLSCertFromCA returns for the same names
// (kots static_context.go tlsKeyFromCa).
func tlsKeyFromCA(caName, certName, cn string, ips, alternateDNS []interface{}, daysValid int) string {
	return signedPair(caName, certName, cn, ips, alternateDNS, daysValid).Key
}

func signedPair(caName, certName, cn string, ips, dns []interface{}, days int) tlsPair {
	tlsMu.Lock()
	defer tlsMu.Unlock()
	key := caName + ":" + certName + ":" + cn
	if p, ok := tlsCache[key]; ok {
		return p
	}
	p := genSignedLocked(caName, cn, ips, dns, days)
	tlsCache[key] = p
	return p
}
