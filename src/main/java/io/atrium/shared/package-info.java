/**
 * Small building blocks every feature uses: identifiers, the clock, the public URL, input rules that
 * are the same everywhere (email addresses, display names) and the start-up checks that run once the server is up.
 */
@ApplicationModule(allowedDependencies = {})
package io.atrium.shared;

import org.springframework.modulith.ApplicationModule;
