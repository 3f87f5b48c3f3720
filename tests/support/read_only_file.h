#pragma once

#include <QFile>
#include <QString>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace noc::test {

// Makes a real file unwritable for this process, the way a user meets it: mode 0444 for an ordinary
// user. Root ignores mode bits (tests may run as root in containers), so for root the file gets the
// ext4 "immutable" attribute instead (chattr +i), which refuses root's writes too. Both are undone
// when this object goes (an immutable file cannot even be deleted). isReadOnly() is checked by
// really trying to open the file for writing, so a test never passes on a file that stayed writable;
// why() says what failed, for QSKIP.
class ReadOnlyFile {
public:
    explicit ReadOnlyFile(QString path)
        : m_path(std::move(path)) {
        if (geteuid() != 0) {
            m_oldPermissions = QFile::permissions(m_path);
            if (!QFile::setPermissions(m_path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther))
                m_why = QStringLiteral("chmod 0444 %1 failed").arg(m_path);
            m_chmodded = m_why.isEmpty();
        } else {
            m_immutable = setImmutable(true, &m_why);
        }
        if (m_why.isEmpty() && writable())
            m_why = QStringLiteral("%1 is still writable after %2")
                        .arg(m_path, m_immutable ? QStringLiteral("chattr +i") : QStringLiteral("chmod"));
    }
    ~ReadOnlyFile() { release(); }
    ReadOnlyFile(const ReadOnlyFile &) = delete;
    ReadOnlyFile &operator=(const ReadOnlyFile &) = delete;

    bool isReadOnly() const { return m_why.isEmpty(); }
    QString why() const { return m_why; }

    // Writable again (the user fixed the permissions).
    void release() {
        QString ignored;
        if (m_immutable)
            setImmutable(false, &ignored);
        if (m_chmodded)
            QFile::setPermissions(m_path, m_oldPermissions);
        m_immutable = m_chmodded = false;
    }

private:
    bool writable() const {
        const int fd = ::open(QFile::encodeName(m_path).constData(), O_WRONLY | O_CLOEXEC);
        if (fd < 0)
            return false;
        ::close(fd);
        return true;
    }

    bool setImmutable(bool on, QString *why) const {
        const int fd = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            *why = QStringLiteral("cannot open %1: %2")
                       .arg(m_path, QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        int flags = 0;
        bool done = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
        if (done) {
            flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
            done = ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
        }
        if (!done)
            *why = QStringLiteral("running as root, and the file system of %1 does not take the immutable "
                                  "attribute (chattr +i: %2), so there is no real way to make it read-only")
                       .arg(m_path, QString::fromLocal8Bit(std::strerror(errno)));
        ::close(fd);
        return done;
    }

    QString m_path;
    QString m_why;
    QFile::Permissions m_oldPermissions;
    bool m_chmodded = false;
    bool m_immutable = false;
};

} // namespace noc::test
