package io.atrium.video;

import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;

import com.jayway.jsonpath.JsonPath;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Organizations;
import io.atrium.testsupport.Organizations.Team;
import io.atrium.testsupport.MultipartForm;
import io.atrium.testsupport.TestVideos;

/** The Playground's video pages: upload, follow the task, watch, edit metadata, delete (user-guide.md). */
@IntegrationTest
class VideoPagesTest extends ApplicationTest {

    static final Path clip = TestVideos.shared("harbour.mp4", 5);

    @Test
    void anUploadedVideoIsListedFollowedAsATaskAndPlaysOnItsOwnPage() throws Exception {
        MockHttpSession user = signUp(mvc, "Page Uploader", uniqueEmail("pageuploader"));
        String videos = "/indexes/" + index(user, "Harbour cams", true) + "/videos";
        mvc.perform(get(videos).session(user)).andExpect(status().isOk())
                .andExpect(content().string(containsString("No videos yet.")))
                .andExpect(content().string(containsString("Upload video")));

        String answer = mvc.perform(multipart(videos).file(MultipartForm.videoFile(clip)).session(user).with(csrf())
                        .accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.message").value("harbour.mp4 was uploaded and is being checked."))
                .andReturn().getResponse().getContentAsString();
        String taskId = JsonPath.read(answer, "$.taskId");
        String videoId = JsonPath.read(answer, "$.videoId");
        await().atMost(Duration.ofSeconds(30)).until(() -> taskStatus(taskId).equals("ready"));

        mvc.perform(get(videos + "/tasks").session(user)).andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get(videos).session(user))
                .andExpect(content().string(containsString("harbour.mp4")))
                .andExpect(content().string(containsString("640×360")))
                .andExpect(content().string(containsString("/media/")));
        mvc.perform(get(videos + "/" + videoId).session(user)).andExpect(status().isOk())
                .andExpect(content().string(containsString("<video id=\"player\"")))
                .andExpect(content().string(containsString("/video?expires=")))
                .andExpect(content().string(containsString("25.00 fps")));
        mvc.perform(get("/tasks").session(user)).andExpect(status().isOk())
                .andExpect(content().string(containsString(taskId)))
                .andExpect(content().string(containsString("Ready")));
    }

    @Test
    void severalFilesPostedWithoutTheScriptAreAllQueuedAndAFailedOneIsNotUnderUploadsInProgress() throws Exception {
        MockHttpSession user = signUp(mvc, "Batch Uploader", uniqueEmail("batchuploader"));
        String videos = "/indexes/" + index(user, "Batch cams", false) + "/videos";
        mvc.perform(multipart(videos).file(MultipartForm.videoFile(clip))
                        .file(MultipartForm.videoFile("broken.mp4", new byte[] {1, 2, 3, 4})).session(user).with(csrf()))
                .andExpect(redirectedUrl(videos))
                .andExpect(flash().attribute("notice", "harbour.mp4 and broken.mp4 were uploaded and are being checked."));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get(videos + "/tasks").session(user))
                .andExpect(jsonPath("$.length()").value(1)).andExpect(jsonPath("$[0].status").value("failed")));
        mvc.perform(get(videos).session(user))
                .andExpect(content().string(containsString("Failed uploads")))
                .andExpect(content().string(not(containsString("Uploads in progress"))));
    }

    @Test
    void metadataEditedOnTheVideoPageIsSavedAndAValueOfTheWrongTypeKeepsWhatWasTyped() throws Exception {
        MockHttpSession user = signUp(mvc, "Describer", uniqueEmail("describer"));
        String page = readyVideoPage(user, "/indexes/" + index(user, "Described cams", false) + "/videos");

        mvc.perform(post(page + "/metadata").session(user).with(csrf())
                        .param("key", "camera").param("type", "text").param("value", "north pier")
                        .param("key", "minute").param("type", "number").param("value", "12")
                        .param("key", "").param("type", "text").param("value", ""))
                .andExpect(redirectedUrl(page));
        assertThat(metadata(page)).isEqualTo("{\"camera\":\"north pier\",\"minute\":12}");

        mvc.perform(post(page + "/metadata").session(user).with(csrf())
                        .param("key", "camera").param("type", "text").param("value", "south pier")
                        .param("key", "minute").param("type", "number").param("value", "twelve"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The value of minute must be a number")))
                .andExpect(content().string(containsString("value=\"south pier\"")));
        assertThat(metadata(page)).isEqualTo("{\"camera\":\"north pier\",\"minute\":12}");

        mvc.perform(post(page + "/metadata").session(user).with(csrf())
                        .param("key", "camera").param("type", "text").param("value", "north pier")
                        .param("key", "minute").param("type", "number").param("value", "12").param("remove", "minute")
                        .param("key", "reviewed").param("type", "boolean").param("value", "true"))
                .andExpect(redirectedUrl(page));
        assertThat(metadata(page)).isEqualTo("{\"camera\":\"north pier\",\"reviewed\":true}");
    }

    @Test
    void aVideoDeletedFromItsPageAfterConfirmingIsGone() throws Exception {
        MockHttpSession user = signUp(mvc, "Page Deleter", uniqueEmail("pagedeleter"));
        String videos = "/indexes/" + index(user, "Doomed cams", false) + "/videos";
        String page = readyVideoPage(user, videos);

        mvc.perform(get(page + "/delete").session(user))
                .andExpect(content().string(containsString("Delete harbour.mp4?")));
        mvc.perform(post(page + "/delete").session(user).with(csrf()))
                .andExpect(redirectedUrl(videos)).andExpect(flash().attribute("notice", "harbour.mp4 was deleted."));

        mvc.perform(get(page).session(user)).andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from videos where id = :id").param("id", videoId(page))
                .query(Integer.class).single()).isZero();
    }

    @Test
    void theScriptsUploadIsReadAsItArrivesAndRefusedLikeTheForms() throws Exception {
        MockHttpSession user = signUp(mvc, "Script Uploader", uniqueEmail("scriptuploader"));
        MockHttpSession outsider = signUp(mvc, "Script Outsider", uniqueEmail("scriptoutsider"));
        String index = index(user, "Script cams", false);
        String videos = "/indexes/" + index + "/videos";
        // what the page's script sends: the form's fields (its token too) and the file, the token also as a header
        MultipartForm form = MultipartForm.post(videos).param("_csrf", "in-the-body-too").file(MultipartForm.videoFile(clip));

        String answer = mvc.perform(form.request().session(user).with(csrf().asHeader()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.message").value("harbour.mp4 was uploaded and is being checked."))
                .andReturn().getResponse().getContentAsString();
        await().atMost(Duration.ofSeconds(30)).until(() -> taskStatus(JsonPath.read(answer, "$.taskId")).equals("ready"));

        mvc.perform(MultipartForm.post(videos).param("_csrf", "only-a-token").request().session(user)
                        .with(csrf().asHeader()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("Choose a video file to upload."));
        mvc.perform(form.request().session(outsider).with(csrf().asHeader()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from video_tasks where index_id = :index").param("index", index)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aFailedUploadShowsItsReasonUntilDismissedAndAFormWithoutAFileSaysSo() throws Exception {
        MockHttpSession user = signUp(mvc, "Short Uploader", uniqueEmail("shortuploader"));
        String index = index(user, "Blinks", false);
        String videos = "/indexes/" + index + "/videos";

        mvc.perform(multipart(videos).session(user).with(csrf()))
                .andExpect(redirectedUrl(videos))
                .andExpect(flash().attribute("uploadError", "Choose a video file to upload."));
        mvc.perform(multipart(videos).session(user).with(csrf()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("Choose a video file to upload."));

        mvc.perform(multipart(videos).file(MultipartForm.videoFile(TestVideos.tooShort())).session(user).with(csrf()))
                .andExpect(redirectedUrl(videos))
                .andExpect(flash().attribute("notice", "short.mp4 was uploaded and is being checked."));
        String taskId = jdbc.sql("select id from video_tasks where index_id = :index").param("index", index)
                .query(String.class).single();
        await().atMost(Duration.ofSeconds(30)).until(() -> taskStatus(taskId).equals("failed"));

        mvc.perform(get(videos + "/tasks").session(user))
                .andExpect(jsonPath("$[0].status").value("failed"))
                .andExpect(jsonPath("$[0].errorMessage").value("The video is shorter than 4 seconds."));
        mvc.perform(get(videos).session(user))
                .andExpect(content().string(containsString("The video is shorter than 4 seconds.")))
                .andExpect(content().string(containsString("Dismiss")));
        mvc.perform(post(videos + "/tasks/" + taskId + "/dismiss").session(user).with(csrf()))
                .andExpect(redirectedUrl(videos));
        mvc.perform(get(videos).session(user)).andExpect(content().string(not(containsString("short.mp4"))));
    }

    @Test
    void organizationMembersShareVideosAndOtherAccountsGetNotFoundOnEveryPage() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Video");
        MockHttpSession outsider = signUp(mvc, "Video Outsider", uniqueEmail("videooutsider"));
        String index = index(team.admin(), "Dock cams", false);
        String videos = "/indexes/" + index + "/videos";
        String answer = mvc.perform(multipart(videos).file(MultipartForm.videoFile(clip)).session(team.admin()).with(csrf())
                .accept(MediaType.APPLICATION_JSON)).andReturn().getResponse().getContentAsString();
        String videoId = JsonPath.read(answer, "$.videoId");
        String taskId = JsonPath.read(answer, "$.taskId");
        await().atMost(Duration.ofSeconds(30)).until(() -> taskStatus(taskId).equals("ready"));

        mvc.perform(get(videos + "/" + videoId).session(team.member())).andExpect(status().isOk())
                .andExpect(content().string(containsString("harbour.mp4")));
        mvc.perform(post(videos + "/" + videoId + "/metadata").session(team.member()).with(csrf())
                .param("key", "shift").param("type", "text").param("value", "night"))
                .andExpect(redirectedUrl(videos + "/" + videoId));

        mvc.perform(get(videos).session(outsider)).andExpect(status().isNotFound());
        mvc.perform(get(videos + "/tasks").session(outsider)).andExpect(status().isNotFound());
        mvc.perform(multipart(videos).file(MultipartForm.videoFile(clip)).session(outsider).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(get(videos + "/" + videoId).session(outsider)).andExpect(status().isNotFound());
        mvc.perform(post(videos + "/" + videoId + "/metadata").session(outsider).with(csrf())
                .param("key", "shift").param("type", "text").param("value", "stolen")).andExpect(status().isNotFound());
        mvc.perform(get(videos + "/" + videoId + "/delete").session(outsider)).andExpect(status().isNotFound());
        mvc.perform(post(videos + "/" + videoId + "/delete").session(outsider).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post(videos + "/tasks/" + taskId + "/dismiss").session(outsider).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(get("/tasks").session(outsider)).andExpect(content().string(not(containsString(taskId))));
        String outsiderIndex = index(outsider, "Own cams", false);
        mvc.perform(get("/indexes/" + outsiderIndex + "/videos/" + videoId).session(outsider)).andExpect(status().isNotFound());

        assertThat(metadata(videoId)).isEqualTo("{\"shift\":\"night\"}");
        assertThat(jdbc.sql("select count(*) from video_tasks where index_id = :index").param("index", index)
                .query(Integer.class).single()).isEqualTo(1);
    }

    private String index(MockHttpSession user, String name, boolean thumbnail) throws Exception {
        var request = post("/indexes").session(user).with(csrf()).param("name", name).param("models", "marengo3.0")
                .param("marengoOptions", "visual", "audio");
        if (thumbnail) {
            request.param("thumbnail", "true");
        }
        // a new index opens on its Videos tab: /indexes/{id}/videos
        return mvc.perform(request).andReturn().getResponse().getRedirectedUrl().split("/")[2];
    }

    /** Uploads the clip on an index's videos page, as the page's script does, and waits for it; the video's page. */
    private String readyVideoPage(MockHttpSession user, String videos) throws Exception {
        String answer = mvc.perform(multipart(videos).file(MultipartForm.videoFile(clip)).session(user).with(csrf())
                .accept(MediaType.APPLICATION_JSON)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        await().atMost(Duration.ofSeconds(30)).until(() -> taskStatus(JsonPath.read(answer, "$.taskId")).equals("ready"));
        return videos + "/" + JsonPath.read(answer, "$.videoId");
    }

    private static String videoId(String videoPage) {
        return videoPage.substring(videoPage.lastIndexOf('/') + 1);
    }

    private String taskStatus(String taskId) {
        return jdbc.sql("select status from video_tasks where id = :id").param("id", taskId).query(String.class).single();
    }

    /** The user metadata of the video, given its id or its page. */
    private String metadata(String video) {
        return jdbc.sql("select user_metadata from videos where id = :id").param("id", videoId(video)).query(String.class)
                .single();
    }
}
