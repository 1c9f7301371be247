package io.atrium.shared;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The address of the client whose request is being served, where there is one: the connection's peer, or the
 * address forwarded by a proxy named in {@code server.tomcat.remoteip.internal-proxies} (Tomcat's RemoteIpValve
 * has already put it in place). A forwarded header from anyone else is never read here, so what the audit log and
 * the throttles see cannot be written by the client.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return null;
    }
}
