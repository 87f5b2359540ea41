package store

import (
	"context"
	"time"
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
