package io.atrium.sso;

import org.springframework.stereotype.Component;

import io.atrium.organization.SsoRequirement;

/** Answers {@link SsoRequirement} from the organization's settings: required, and turned on. */
@Component
class SettingsSsoRequirement implements SsoRequirement {

    private final SsoSettingsRepository settings;

    SettingsSsoRequirement(SsoSettingsRepository settings) {
        this.settings = settings;
    }

    @Override
    public boolean requiresSso(String organizationId) {
        return settings.requiresSso(organizationId);
    }
}
