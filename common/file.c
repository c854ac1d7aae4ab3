/* common/file.c - reading a whole input file, within a size limit.
 *
 * g_file_get_contents() reads until the end of the file, which a device
 * such as /dev/zero never reaches; here the file is read in chunks and
 * refused as soon as it passes the limit.  A regular file's size is
 * checked first, so a huge file is refused without reading it. */
#define _POSIX_C_SOURCE 200809L /* open, fstat, read */
#include "common/file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/error.h"

static gboolean
too_large(const char *path, size_t max_bytes, GError **error)
{
    g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                "%s: larger than %zu MiB, the most rotaplan reads from one "
                "file (is it the right file?)",
                path, max_bytes >> 20);
    return FALSE;
}

static gboolean
read_failed(const char *path, int saved, GError **error)
{
    g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_READ, "cannot read %s: %s",
                path, g_strerror(saved));
    return FALSE;
}

gboolean
rp_file_read(const char *path, size_t max_bytes, char **text, size_t *len,
             GError **error)
{
    g_return_val_if_fail(path != NULL && text != NULL && len != NULL, FALSE);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return read_failed(path, errno, error);
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int saved = errno;
        close(fd);
        return read_failed(path, saved, error);
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return read_failed(path, EISDIR, error);
    }
    if (S_ISREG(st.st_mode) && (guint64)st.st_size > max_bytes) {
        close(fd);
        return too_large(path, max_bytes, error);
    }
    size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
    size_t n = 0;
    char *buf = g_malloc(cap + 1);
    for (;;) {
        if (n == cap) {
            if (cap > max_bytes) {
                g_free(buf);
                close(fd);
                return too_large(path, max_bytes, error);
            }
            cap = MIN(2 * cap, max_bytes + 1);
            buf = g_realloc(buf, cap + 1);
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int saved = errno;
            g_free(buf);
            close(fd);
            return read_failed(path, saved, error);
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    if (n > max_bytes) {
        g_free(buf);
        return too_large(path, max_bytes, error);
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return TRUE;
}

size_t
rp_file_bom(const char *text, size_t len)
{
    return len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}
