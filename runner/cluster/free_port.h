// free_loopback_port: a TCP port on 127.0.0.1 that nothing listens on now.
// Whoever binds it next may still lose a race for it; callers that start a
// server retry on "Address already in use".
#pragma once

namespace isocheck::runner {

// Throws ClusterError when no socket can be bound.
int free_loopback_port();

}  // namespace isocheck::runner
