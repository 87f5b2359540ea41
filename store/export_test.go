package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/jackc/pgx/v5"
)

// CreateAtVersion makes a new database at path with the schema of version,
// as an older govbuy made it.
func CreateAtVersion(path string, version int) error {
	if err := createPrivateFile(path); err != nil {
		return err
	}
	pool, err := openPool(path, writerParams)
	if err != nil {
		return err
	}
	defer pool.Close()
	pool.SetMaxOpenConns(1)
	db := &DB{write: pool, path: path, Now: time.Now}
	return db.migrateTo(context.Background(), version)
}

// OpenRaw opens a server database as a plain pool speaking the store's SQL,
// for tests that check what was written behind the store's back.
func OpenRaw(url string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, err
	}
	return serverPool(cfg, 2), nil
}
