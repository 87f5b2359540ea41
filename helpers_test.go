package govbuy_test

import (
	"errors"
	"time"
)

func timeMonth(m int) time.Month { return time.Month(m) }

func errPlain(s string) error { return errors.New(s) }
