// go-peer: Go's own answers for the tests (the specification kotsadm v1.88 runs on).
//
//	go-peer bcrypt-verify    stdin: hash line, then password line; exit 0 when bcrypt accepts it
//	go-peer duration MS...   prints time.Duration(MS ms).String() per argument, one per line
package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: go-peer bcrypt-verify | duration MS...")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "bcrypt-verify":
		r := bufio.NewReader(os.Stdin)
		hash, _ := r.ReadString('\n')
		password, _ := r.ReadString('\n')
		err := bcrypt.CompareHashAndPassword([]byte(strings.TrimRight(hash, "\n")), []byte(strings.TrimSuffix(password, "\n")))
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		fmt.Println("ok")
	case "duration":
		for _, a := range os.Args[2:] {
			ms, err := strconv.ParseInt(a, 10, 64)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
			fmt.Println((time.Duration(ms) * time.Millisecond).String())
		}
	default:
		fmt.Fprintln(os.Stderr, "unknown command", os.Args[1])
		os.Exit(2)
	}
}
