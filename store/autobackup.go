package store

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"govbuy"
)

const settingBackupDir = "backup_dir"

// BackupDir is the folder of automatic backups: the setting, else 备份
// beside the database.
func (db *DB) BackupDir(ctx context.Context) (string, error) {
	dir, err := getSetting(ctx, db.read, settingBackupDir)
	if err != nil || dir != "" {
		return dir, wrapErr("backup dir", err)
	}
	if db.server {
		return serverBackupDir(db.path)
	}
	return filepath.Join(filepath.Dir(db.path), "备份"), nil
}

// serverBackupDir is where this PC keeps a server database's automatic
// backups when none is set: a folder per server and database under the
// user's configuration folder, since a server database has no folder of
// its own on the PC.
func serverBackupDir(address string) (string, error) {
	config, err := os.UserConfigDir()
	if err != nil {
		return "", wrapErr("backup dir", err)
	}
	u, err := url.Parse(address)
	if err != nil {
		return "", wrapErr("backup dir", err)
	}
	host := u.Hostname()
	if host == "" {
		host = "本机"
	}
	name := "服务器-" + host + "-" + strings.TrimPrefix(u.Path, "/")
	return filepath.Join(config, "govbuy", "备份", unsafeInName.ReplaceAllString(name, "_")), nil
}

// unsafeInName are the characters a folder name may not hold on Windows
// or Linux.
var unsafeInName = regexp.MustCompile(`[<>:"/\\|?*\x00-\x1f]`)

// SetBackupDir changes the folder of automatic backups.
func (db *DB) SetBackupDir(ctx context.Context, dir string) error {
	tx, err := db.beginAct(ctx, govbuy.ActAdminister, "设置备份文件夹")
	if err != nil {
		return wrapErr("set backup dir", err)
	}
	defer tx.Rollback()
	if err := setSetting(ctx, tx, settingBackupDir, dir); err != nil {
		return wrapErr("set backup dir", err)
	}
	return commit(tx, "set backup dir")
}

var dailyBackup = regexp.MustCompile(`^govbuy-(\d{4}-\d{2})-\d{2}\.db$`)

// AutoBackup writes today's backup (govbuy-2006-01-02.db, replacing one made
// earlier today) into the backup folder and prunes the folder to the last
// seven days and the newest backup of each of the last twelve months. The
// window calls it when it starts and when it closes.
func (db *DB) AutoBackup(ctx context.Context, now time.Time) (string, error) {
	dir, err := db.BackupDir(ctx)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", wrapErr("auto backup", err)
	}
	path := filepath.Join(dir, "govbuy-"+now.Format("2006-01-02")+".db")
	if err := db.Backup(ctx, path); err != nil {
		return "", err
	}
	return path, pruneBackups(dir)
}

// BackupNow writes a backup asked for by hand (立即备份) into the backup
// folder under a name of its own, govbuy-手动-2006-01-02-150405.db: it never
// replaces the day's automatic backup, and pruning, which counts only the
// automatic ones, never removes it.
func (db *DB) BackupNow(ctx context.Context, now time.Time) (string, error) {
	dir, err := db.BackupDir(ctx)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", wrapErr("backup now", err)
	}
	base := "govbuy-手动-" + now.Format("2006-01-02-150405")
	path := filepath.Join(dir, base+".db")
	for i := 2; fileExists(path); i++ {
		path = filepath.Join(dir, fmt.Sprintf("%s-%d.db", base, i))
	}
	return path, db.Backup(ctx, path)
}

func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// pruneBackups keeps the seven newest daily backups and the newest of each
// of the twelve newest months; names sort by date.
func pruneBackups(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		if dailyBackup.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	slices.Reverse(names)
	keep := map[string]bool{}
	months := map[string]bool{}
	for i, n := range names {
		month := dailyBackup.FindStringSubmatch(n)[1]
		if i < 7 {
			keep[n] = true
		}
		if !months[month] && len(months) < 12 {
			months[month] = true
			keep[n] = true
		}
	}
	for _, n := range names {
		if !keep[n] {
			if err := os.Remove(filepath.Join(dir, n)); err != nil {
				return err
			}
		}
	}
	return nil
}
