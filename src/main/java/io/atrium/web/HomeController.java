package io.atrium.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.atrium.shared.PublicUrl;

/** The Playground's home page. */
@Controller
class HomeController {

    private final PublicUrl publicUrl;

    HomeController(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("twelveLabsBaseUrl", publicUrl.of("/v1.3"));
        model.addAttribute("managementBaseUrl", publicUrl.of("/api/v1"));
        return "web/home";
    }
}
