package io.atrium.video.asset;

import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.MultipartForm;
import io.atrium.testsupport.Organizations;
import io.atrium.testsupport.Organizations.Team;
import io.atrium.testsupport.TestVideos;

/** The Playground's Assets pages: upload, read, index into an index, delete; shared within an organization. */
@IntegrationTest
class AssetPagesTest extends ApplicationTest {

    @Test
    void anAssetUploadedByOneMemberIsIndexedByAnotherAndHiddenFromOutsiders() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Asset pages");
        String location = mvc.perform(multipart("/assets").file(MultipartForm.assetFile(TestVideos.withSound()))
                        .param("enable_thumbnail", "true").session(team.admin()).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", "sound.mp4 was uploaded and is being read."))
                .andReturn().getResponse().getRedirectedUrl();
        String asset = location.substring(location.lastIndexOf('/') + 1);
        api.as(team.adminKey()).awaitAssetStatus(asset, "ready");

        mvc.perform(get("/assets").session(team.member())).andExpect(status().isOk())
                .andExpect(content().string(containsString("sound.mp4")))
                .andExpect(content().string(containsString("Ready")));
        String index = api.as(team.memberKey()).createIndex("Shared cams");
        mvc.perform(get("/assets/" + asset).session(team.member())).andExpect(status().isOk())
                .andExpect(content().string(containsString("Index this asset")))
                .andExpect(content().string(containsString("640×360")))
                .andExpect(content().string(containsString("Not indexed anywhere yet.")));
        mvc.perform(post("/assets/" + asset + "/index").param("index_id", "").session(team.member()).with(csrf()))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("Choose an index.")));
        mvc.perform(post("/assets/" + asset + "/index").param("index_id", index).param("enable_video_stream", "true")
                        .session(team.member()).with(csrf()))
                .andExpect(redirectedUrl("/assets/" + asset))
                .andExpect(flash().attribute("notice", "sound.mp4 is being indexed into Shared cams."));
        mvc.perform(get("/assets/" + asset).session(team.admin()))
                .andExpect(content().string(containsString("Shared cams")));

        MockHttpSession outsider = signUp(mvc, "Outsider", uniqueEmail("asset-outsider"));
        mvc.perform(get("/assets/" + asset).session(outsider)).andExpect(status().isNotFound());
        mvc.perform(post("/assets/" + asset + "/index").param("index_id", index).session(outsider).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/assets/" + asset + "/delete").param("force", "true").session(outsider).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/assets").session(outsider)).andExpect(content().string(containsString("No assets yet.")));

        mvc.perform(post("/assets/" + asset + "/delete").session(team.admin()).with(csrf()))
                .andExpect(redirectedUrl("/assets/" + asset)).andExpect(flash().attributeExists("deleteError"));
        mvc.perform(post("/assets/" + asset + "/delete").param("force", "true").session(team.admin()).with(csrf()))
                .andExpect(redirectedUrl("/assets"))
                .andExpect(flash().attribute("notice", "sound.mp4 was deleted."));
        mvc.perform(get("/assets/" + asset).session(team.admin())).andExpect(status().isNotFound());
    }

    @Test
    void anUploadWithoutAFileSaysWhatIsMissing() throws Exception {
        MockHttpSession user = signUp(mvc, "Forgetful", uniqueEmail("asset-forgetful"));
        mvc.perform(multipart("/assets").session(user).with(csrf()))
                .andExpect(redirectedUrl("/assets")).andExpect(flash().attribute("uploadError", "Choose a file to upload."));
    }
}
