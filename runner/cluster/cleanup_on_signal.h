// Interrupt handling for the runner: Ctrl-C (SIGINT), SIGTERM or SIGHUP (a
// closed terminal) must never leave a throwaway PostgreSQL server running or
// its directory behind. All three are handled alike; "SIGINT/SIGTERM" below
// means all three.
//
// Strategy: install_signal_cleanup() blocks SIGINT and SIGTERM in the calling
// thread — and so in every thread created after it — and starts one thread
// that waits for them with sigwait(). No work happens in a signal handler.
//  - First signal: stop_requested() becomes true. The run loop polls it,
//    winds down, and the clusters' destructors stop their servers.
//  - Second signal: the process is about to exit without unwinding, so every
//    registered cluster is stopped (immediate shutdown) and removed, then the
//    process exits with 128 + signal number (a thread that reaches exit()
//    meanwhile waits there, so neither the teardown nor the code is cut short).
// Clusters also stop at exit() through an atexit hook, for paths that exit
// without running destructors.
//
// Forked workers: a child of fork() gets SIGINT/SIGTERM unblocked again
// (default action: terminate), has no waiting thread until it calls
// install_signal_cleanup() itself, and never stops a cluster its parent
// started — both the registry and EmbeddedCluster check the owning pid.
#pragma once

namespace isocheck::runner {

class EmbeddedCluster;

// Call first thing in main(), before any thread exists. Idempotent within a
// process.
void install_signal_cleanup();

// True once SIGINT/SIGTERM arrived (or request_stop() was called).
bool stop_requested();
// Same effect as the first signal, for programmatic shutdown and tests.
void request_stop();
// Forgets an earlier request (a test runs several stops in one process).
void clear_stop_request();

// EmbeddedCluster registers itself while its server may be running.
void register_cluster(EmbeddedCluster* cluster);
void unregister_cluster(EmbeddedCluster* cluster);
// Stops and removes every registered cluster of this process now (immediate
// shutdown). Used on the second signal and at exit; safe from any thread.
void stop_registered_clusters() noexcept;

}  // namespace isocheck::runner
