package io.atrium.plan;

import org.springframework.ui.Model;

import io.atrium.shared.Actor;

/**
 * A part of Settings > Billing & Plan that another feature shows (billing's statements, contact and budget), so that
 * this feature draws the page without depending on it. Only administrators see the page.
 */
public interface PlanPageSection {

    /** The template holding the section as its fragment {@code planPageSection}, such as {@code billing/section}. */
    String template();

    /** Adds what the fragment shows for the administrator's account. */
    void addTo(Actor admin, Model model);
}
