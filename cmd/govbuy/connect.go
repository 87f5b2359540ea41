package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"govbuy/store"
)

// A PC that works on the bureau's shared database keeps its address in the
// user's configuration folder (govbuy/server.url), so the window and every
// command open it without --db. The address never holds the password: the
// password lives where PostgreSQL's own tools keep it (the pgpass file,
// %APPDATA%\postgresql\pgpass.conf on Windows, or PGPASSWORD), which govbuy
// never writes.

const serverFile = "server.url"

// runConnect saves, shows or forgets this PC's server database address.
func runConnect(e *env, args []string) int {
	switch {
	case len(args) == 0:
		return showConnection(e)
	case len(args) == 1 && args[0] == "--off":
		return forgetConnection(e)
	case len(args) == 1 && store.IsServerURL(args[0]):
		return saveConnection(e, args[0])
	}
	fmt.Fprintln(e.stderr, "用法: govbuy connect postgres://用户@主机:端口/库名?sslmode=verify-full&sslrootcert=CA文件 | govbuy connect --off")
	return exitFailure
}

func saveConnection(e *env, raw string) int {
	u, err := url.Parse(raw)
	if err != nil {
		// The parser's message quotes the address, password and all.
		fmt.Fprintln(e.stderr, "govbuy connect: 服务器地址格式有误，应为 postgres://用户@主机:端口/库名?sslmode=verify-full")
		return exitInput
	}
	if _, has := u.User.Password(); has {
		fmt.Fprintln(e.stderr, "govbuy connect: 地址中不能含口令（口令不写入文件）；请把口令放在 pgpass 文件中（Windows：%APPDATA%\\postgresql\\pgpass.conf），或在 PGPASSWORD 中")
		return exitInput
	}
	// The address must open before this PC is pointed at it; an empty
	// database gets its schema now.
	db, err := store.Open(raw)
	if err != nil {
		return fail(e, "connect", err)
	}
	db.Close()
	path, err := serverFilePath()
	if err == nil {
		err = writePrivateFile(path, raw+"\n")
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "govbuy connect: 无法保存连接设置：%v\n", err)
		return exitFailure
	}
	fmt.Fprintf(e.stdout, "本机已连接服务器数据库 %s（设置保存在 %s）\n", raw, path)
	return exitOK
}

func showConnection(e *env) int {
	saved, err := savedServer()
	if err != nil {
		fmt.Fprintf(e.stderr, "govbuy connect: %v\n", err)
		return exitFailure
	}
	if saved == "" {
		fmt.Fprintln(e.stdout, "本机使用数据库文件（未连接服务器数据库）")
		return exitOK
	}
	fmt.Fprintf(e.stdout, "本机连接服务器数据库 %s\n", saved)
	return exitOK
}

func forgetConnection(e *env) int {
	path, err := serverFilePath()
	if err == nil {
		err = os.Remove(path)
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(e.stderr, "govbuy connect: %v\n", err)
		return exitFailure
	}
	fmt.Fprintln(e.stdout, "本机已改回使用数据库文件")
	return exitOK
}

func serverFilePath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "govbuy", serverFile), nil
}

// savedServer is the address saved by govbuy connect, or "".
func savedServer() (string, error) {
	path, err := serverFilePath()
	if err != nil {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("无法读取连接设置 %s：%w", path, err)
	}
	return strings.TrimSpace(string(b)), nil
}

// writePrivateFile writes a file only its owner reads, through a temporary
// file renamed into place.
func writePrivateFile(path, text string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(text), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
