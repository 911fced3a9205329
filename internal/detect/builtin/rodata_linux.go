//go:build linux

package builtin

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// releaseReadOnlyData drops from the process the pages of the executable's
// read-only data that are resident: the embedded language models,
// lexicons, weights and phone metadata, read once while loading, count
// toward the process's memory for as long as they stay mapped, and the
// load's peak comes while its largest temporary tables are alive. Only
// read-only, private mappings of the executable file are dropped; a page
// read again is mapped back from the file (the page cache, as a rule) on
// its next access, so nothing changes but the resident size.
func releaseReadOnlyData() {
	exe, err := os.Executable()
	if err != nil {
		return
	}
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// "01500000-0a6e6000 r--p 01100000 fe:00 9979334   /path"
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 || fields[1] != "r--p" || fields[5] != exe {
			continue
		}
		from, to, ok := strings.Cut(fields[0], "-")
		if !ok {
			continue
		}
		start, err1 := strconv.ParseUint(from, 16, 64)
		end, err2 := strconv.ParseUint(to, 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		// By address: the mapping is the executable's, not a slice of ours.
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, uintptr(start), uintptr(end-start), syscall.MADV_DONTNEED)
	}
}
