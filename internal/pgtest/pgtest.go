// Package pgtest starts a throwaway PostgreSQL server for tests: a new data
// directory under the system temp folder, listening on a Unix socket only,
// stopped and removed by Stop. Tests of the shared-server store use it when
// the server's programs (initdb, pg_ctl) are installed, and skip otherwise.
package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
)

// ErrNotInstalled is Start's error when initdb or pg_ctl cannot be found.
var ErrNotInstalled = errors.New("pgtest: PostgreSQL server programs (initdb, pg_ctl) not found")

// Server is a running throwaway server.
type Server struct {
	dir    string // data directory, socket and log live under it
	bin    string // folder of initdb and pg_ctl
	runAs  string // "postgres" when started by root, which initdb refuses
	port   int    // TCP port of a StartTLS server
	serial atomic.Int64
}

// Superuser is the role initdb creates; tests connect as it.
const Superuser = "govbuy_test"

// Start initialises and starts a server. The socket folder is short on
// purpose: a Unix socket path may not exceed 107 bytes.
func Start() (*Server, error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "gbpg")
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir, bin: bin}
	if os.Geteuid() == 0 {
		s.runAs = "postgres"
		if err := chownTo(dir, s.runAs); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	if err := s.initAndStart(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

func (s *Server) initAndStart() error {
	data := filepath.Join(s.dir, "data")
	// C collation and UTF-8 are what govbuy requires of a server database
	// (text sorts as SQLite sorts it).
	if err := s.run("initdb", "-D", data, "-U", Superuser, "--auth=trust",
		"--encoding=UTF8", "--locale=C", "--no-sync"); err != nil {
		return err
	}
	opts := fmt.Sprintf("-k %s -c listen_addresses='' -F -c max_connections=200", s.dir)
	return s.run("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(s.dir, "log"), "-w", "start")
}

// run runs a server program, as the postgres account when we are root.
func (s *Server) run(prog string, args ...string) error {
	path := filepath.Join(s.bin, prog)
	var cmd *exec.Cmd
	if s.runAs != "" {
		cmd = exec.Command("runuser", append([]string{"-u", s.runAs, "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pgtest: %s: %w\n%s", prog, err, out.String())
	}
	return nil
}

// NewDatabase creates an empty database with a name of its own and returns
// the URL govbuy opens it by.
func (s *Server) NewDatabase(ctx context.Context) (string, error) {
	name := "t" + strconv.FormatInt(s.serial.Add(1), 10)
	conn, err := pgx.Connect(ctx, s.URL("postgres"))
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"); err != nil {
		return "", fmt.Errorf("pgtest: create database: %w", err)
	}
	return s.URL(name), nil
}

// URL is the connection URL of database name on this server.
func (s *Server) URL(name string) string {
	q := url.Values{"host": {s.dir}, "sslmode": {"disable"}}
	if s.port != 0 {
		q.Set("port", strconv.Itoa(s.port)) // the socket is named by the port
	}
	return "postgres://" + Superuser + "@/" + name + "?" + q.Encode()
}

// Stop stops the server and removes its files.
func (s *Server) Stop() error {
	err := s.run("pg_ctl", "-D", filepath.Join(s.dir, "data"), "-m", "immediate", "-w", "stop")
	return errors.Join(err, os.RemoveAll(s.dir))
}

// findBin finds initdb on PATH or in Debian's versioned folders.
func findBin() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		return filepath.Dir(p), nil
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(matches) == 0 {
		return "", ErrNotInstalled
	}
	return filepath.Dir(matches[len(matches)-1]), nil
}

func ids(account string) (uid, gid int, err error) {
	u, err := user.Lookup(account)
	if err != nil {
		return 0, 0, fmt.Errorf("pgtest: running as root needs the %s account: %w", account, err)
	}
	uid, _ = strconv.Atoi(u.Uid)
	gid, _ = strconv.Atoi(u.Gid)
	return uid, gid, nil
}

func chownTo(dir, account string) error {
	uid, gid, err := ids(account)
	if err != nil {
		return err
	}
	if err := os.Chown(dir, uid, gid); err != nil {
		return err
	}
	// The socket's folder must be reachable by the tests' own account.
	return os.Chmod(dir, 0o755)
}
