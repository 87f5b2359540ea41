package govbuy

import (
	"context"
	"time"
)

// BackupService copies the database while it is in use and asks for a
// backup to be restored at the next start.
type BackupService interface {
	// Backup writes a consistent copy of the database to path, made under a
	// temporary name and renamed into place: a failed backup (EInternal)
	// never leaves half a file at path.
	Backup(ctx context.Context, path string) error
	// BackupDir is the folder of automatic backups: the setting, else 备份
	// beside the database.
	BackupDir(ctx context.Context) (string, error)
	// SetBackupDir changes that folder: an administrator's act once roles
	// are on, recorded in the audit log.
	SetBackupDir(ctx context.Context, dir string) error
	// AutoBackup writes the backup of now's day (govbuy-2006-01-02.db,
	// replacing one made earlier that day) into the backup folder, prunes
	// the folder to the last seven days and the newest backup of each of
	// the last twelve months, and returns the backup's path.
	AutoBackup(ctx context.Context, now time.Time) (string, error)
	// ScheduleRestore asks for the backup at src to replace the database at
	// the next start: an administrator's act, recorded in the audit log.
	// The backup is checked now as the restore will check it: a file that
	// is not a backup this program would restore is refused, and one that
	// would weaken the controls (a closed year open again, a shorter audit
	// log, roles off) is EConflict unless reason says why.
	ScheduleRestore(ctx context.Context, src, reason string) error
}
