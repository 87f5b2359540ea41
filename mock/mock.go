// Package mock implements root services in memory, for tests that drive a
// screen through what the store answers (a refusal, a failure) without
// opening a database. Each service is a struct of functions, one per
// method, as in WTF Dial's mock package: a test sets the functions the
// screen calls, and a call nobody set panics, naming the method the test
// did not expect.
package mock
