/** Where uploaded files live: local files under the data directory. */
package io.atrium.storage;
