package kotstemplate

import "reflect"

type arithOp int

const (
	opAdd arithOp = iota
	opSub
	opMult
	opDiv
)

// arith builds Add / Sub / Mult / Div with KOTS's coercions (kots static_context.go add, sub, mult,
// div and reflectTo*):
//   - if either operand is a float, both become float64 (non-numbers, strings included, are 0) and
//     the result is float64 (so Div by 0.0 is +Inf/-Inf/NaN);
//   - else if the first is a signed int, the result is int64 with the second converted: floats
//     truncated, signed ints by value, anything non-numeric 0 — and an unsigned second operand
//     panics as KOTS's reflect call does, which text/template reports as an error;
//   - else if the first is unsigned, the result is uint64 likewise (a signed second operand panics);
//   - else (first operand a string, nil, …) the result is int 0.
//
// Integer Div by zero panics ("integer divide by zero"); text/template turns that into the
// template error "error calling Div: runtime error: integer divide by zero", as in KOTS.
func arith(op arithOp) func(a, b interface{}) interface{} {
	return func(a, b interface{}) interface{} {
		av, bv := reflect.ValueOf(a), reflect.ValueOf(b)
		switch {
		case isFloat(av) || isFloat(bv):
			return apply(op, toFloat(av), toFloat(bv))
		case isInt(av):
			return apply(op, av.Int(), toInt(bv))
		case isUint(av):
			return apply(op, av.Uint(), toUint(bv))
		}
		return 0
	}
}

// apply computes x op y in T, the type arith's coercion chose (the result keeps that type:
// int64, uint64 or float64). Division is Go's own for T: float64 gives ±Inf/NaN on 0, the
// integer types panic "integer divide by zero" (as KOTS's div does).
func apply[T int64 | uint64 | float64](op arithOp, x, y T) T {
	switch op {
	case opAdd:
		return x + y
	case opSub:
		return x - y
	case opMult:
		return x * y
	default:
		return x / y
	}
}

func isFloat(v reflect.Value) bool {
	k := v.Kind()
	return k == reflect.Float32 || k == reflect.Float64
}

func isInt(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return true
	}
	return false
}

func isUint(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}

// toFloat: floats, ints and uints by value; anything else 0 (kots reflectToFloat).
func toFloat(v reflect.Value) float64 {
	switch {
	case isFloat(v):
		return v.Float()
	case isInt(v):
		return float64(v.Int())
	case isUint(v):
		return float64(v.Uint())
	}
	return 0
}

// toInt: floats truncated, ints by value; a uint panics as reflect.Value.Int does in KOTS's
// reflectToInt; anything else 0.
func toInt(v reflect.Value) int64 {
	switch {
	case isFloat(v):
		return int64(v.Float())
	case isInt(v) || isUint(v):
		return v.Int()
	}
	return 0
}

// toUint: floats truncated, uints by value; a signed int panics as reflect.Value.Uint does in
// KOTS's reflectToUint; anything else 0.
func toUint(v reflect.Value) uint64 {
	switch {
	case isFloat(v):
		return uint64(v.Float())
	case isInt(v) || isUint(v):
		return v.Uint()
	}
	return 0
}
