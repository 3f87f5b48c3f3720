#pragma once

#include <QString>
#include <functional>

class QObject;

namespace noc {

// Where a profile's bearer token lives: the system keychain (QtKeychain: Secret Service, KWallet,
// macOS Keychain, Windows Credential Store) when one answers; otherwise a file only the user can
// read, with a warning the console shows. Tokens never go into QSettings or the log.
class TokenStore {
public:
    struct Result {
        QString token;
        bool fromKeychain = false;
        QString warning; // set when the fallback file is used
        QString error;   // set when nothing could be read or written
        bool ok() const { return error.isEmpty(); }
    };

    static Result read(const QString &profileName);
    // Waits for the keychain: for callers with no window to keep responsive (command line, tests).
    static Result write(const QString &profileName, const QString &token);
    // Keeps the token without waiting for the keychain, which may take seconds (locked, asking the
    // user, a slow D-Bus service): the GUI thread must not stop meanwhile. `done` runs later on
    // `context`'s thread, never before this returns, and not at all once `context` is gone.
    static void writeAsync(const QString &profileName, const QString &token, QObject *context,
                           std::function<void(const Result &)> done);
    static void remove(const QString &profileName);

    // The fallback file of a profile (for the warning text and tests).
    static QString fallbackPath(const QString &profileName);
    // Tests and headless runs skip the keychain entirely (no D-Bus session there).
    static void setKeychainEnabled(bool enabled);
};

// Reads a token from a file given on the command line (`--token-file`); refuses files that other
// users can read, because a token there is as good as a password.
TokenStore::Result readTokenFile(const QString &path);

} // namespace noc
