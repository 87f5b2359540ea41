package pgtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"time"
)

// StartTLS starts a server that also listens on 127.0.0.1 with TLS, its
// certificate signed by a CA of its own, as a bureau's server is. CAFile is
// then that CA, for sslrootcert.
func StartTLS() (*Server, error) {
	s, err := Start()
	if err != nil {
		return nil, err
	}
	if err := s.restartWithTLS(); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// CAFile is the CA that signed a StartTLS server's certificate.
func (s *Server) CAFile() string { return filepath.Join(s.dir, "ca.pem") }

// TLSURL is the URL of database name over TCP with verify-full against ca.
func (s *Server) TLSURL(name, ca string) string {
	q := url.Values{"sslmode": {"verify-full"}, "sslrootcert": {ca}}
	return fmt.Sprintf("postgres://%s@127.0.0.1:%d/%s?%s", Superuser, s.port, name, q.Encode())
}

func (s *Server) restartWithTLS() error {
	port, err := freePort()
	if err != nil {
		return err
	}
	s.port = port
	data := filepath.Join(s.dir, "data")
	if err := writeCertificates(s.dir, data); err != nil {
		return err
	}
	if s.runAs != "" {
		for _, f := range []string{"server.crt", "server.key"} {
			if err := chownFile(filepath.Join(data, f), s.runAs); err != nil {
				return err
			}
		}
	}
	if err := s.run("pg_ctl", "-D", data, "-m", "fast", "-w", "stop"); err != nil {
		return err
	}
	opts := fmt.Sprintf("-k %s -c listen_addresses=127.0.0.1 -p %d -F -c ssl=on -c max_connections=200", s.dir, port)
	return s.run("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(s.dir, "log"), "-w", "start")
}

// writeCertificates makes a CA (ca.pem in dir) and a server certificate for
// 127.0.0.1 and localhost signed by it (server.crt and server.key in data,
// where the server looks for them).
func writeCertificates(dir, data string) error {
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ca := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "区财政局信息中心测试CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		return err
	}
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leaf, ca, &key.PublicKey, caKey)
	if err != nil {
		return err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return err
	}
	return writePEMs([]pemFile{
		{filepath.Join(dir, "ca.pem"), "CERTIFICATE", caDER, 0o644},
		{filepath.Join(data, "server.crt"), "CERTIFICATE", leafDER, 0o644},
		{filepath.Join(data, "server.key"), "EC PRIVATE KEY", keyDER, 0o600},
	})
}

type pemFile struct {
	path, kind string
	der        []byte
	mode       os.FileMode
}

func writePEMs(files []pemFile) error {
	for _, f := range files {
		b := pem.EncodeToMemory(&pem.Block{Type: f.kind, Bytes: f.der})
		if err := os.WriteFile(f.path, b, f.mode); err != nil {
			return err
		}
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func chownFile(path, account string) error {
	uid, gid, err := ids(account)
	if err != nil {
		return err
	}
	return os.Chown(path, uid, gid)
}
