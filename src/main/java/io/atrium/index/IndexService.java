package io.atrium.index;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.atrium.plan.PlanService;
import io.atrium.index.IndexRepository.IndexRow;
import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditLog;
import io.atrium.shared.Actor;
import io.atrium.shared.DisplayNames;
import io.atrium.shared.Ids;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Indexes of an account (R-RES-1, R-RES-2). Callers pass the account they act for: the key's account in
 * the API, the active account in the Playground; every member of an organization may use its indexes.
 */
@Service
public class IndexService {

    static final Set<String> MODEL_NAMES = Set.of("marengo3.0", "marengo2.7", "pegasus1.2");
    static final Set<String> MODEL_OPTIONS = Set.of("visual", "audio");
    static final Set<String> ADDONS = Set.of("thumbnail");

    private static final TypeReference<List<IndexModel>> MODELS = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final IndexRepository indexes;
    private final PlanService plans;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    IndexService(IndexRepository indexes, PlanService plans, JsonMapper json, ApplicationEventPublisher events,
            AuditLog audit, Clock clock) {
        this.indexes = indexes;
        this.audit = audit;
        this.plans = plans;
        this.json = json;
        this.events = events;
        this.clock = clock;
    }

    /** @throws InvalidInputException for a missing or taken name, unknown models or options, unknown addons */
    @Transactional
    public IndexView create(Actor actor, CreateIndexCommand command) {
        String accountId = actor.accountId();
        String name = DisplayNames.require("index_name", command.name());
        List<IndexModel> models = requireModels(command.models());
        List<String> addons = requireAddons(command.addons());
        if (addons.contains("thumbnail") && models.stream().noneMatch(model -> model.family().equals("marengo"))) {
            // Thumbnails come with Marengo's visual embedding in the published API: a Pegasus-only index has none.
            throw new InvalidInputException("addons", "parameter_invalid",
                    "The thumbnail addon needs a Marengo model in the index.");
        }
        if (indexes.nameTaken(accountId, name, null)) {
            throw nameTaken(name);
        }
        Instant now = clock.instant();
        String id = Ids.newId(now);
        try {
            indexes.insert(accountId, id, name, json.writeValueAsString(models), json.writeValueAsString(addons), now);
        } catch (DuplicateKeyException raceWithAnotherCreate) {
            throw nameTaken(name);
        }
        audit.record(accountId, actor.userId(), AuditAction.INDEX_CREATED, name,
                "models=" + models.stream().map(IndexModel::modelName).collect(java.util.stream.Collectors.joining(" and ")));
        return get(accountId, id);
    }

    public List<IndexView> list(String accountId, IndexFilter filter) {
        Duration retention = retention(accountId);
        return indexes.ofAccount(accountId, filter).stream()
                .map(row -> view(row, retention))
                .filter(index -> usesModels(index, filter))
                .toList();
    }

    /** @throws NotFoundException for a missing index or one of another account */
    public IndexView get(String accountId, String indexId) {
        return indexes.find(accountId, indexId).map(row -> view(row, retention(accountId)))
                .orElseThrow(() -> new NotFoundException("Index"));
    }

    /**
     * Checks that the index is the account's without counting its videos (for lists of its videos).
     *
     * @throws NotFoundException for a missing index or one of another account
     */
    public void requireExists(String accountId, String indexId) {
        if (!indexes.exists(accountId, indexId)) {
            throw new NotFoundException("Index");
        }
    }

    @Transactional
    public void rename(String accountId, String indexId, String newName) {
        get(accountId, indexId);
        String name = DisplayNames.require("index_name", newName);
        if (indexes.nameTaken(accountId, name, indexId)) {
            throw nameTaken(name);
        }
        try {
            indexes.rename(accountId, indexId, name, clock.instant());
        } catch (DuplicateKeyException raceWithAnotherRename) {
            throw nameTaken(name);
        }
    }

    /** Deletes the index with its videos and their stored files. */
    @Transactional
    public void delete(Actor actor, String indexId) {
        String accountId = actor.accountId();
        IndexView index = get(accountId, indexId);
        events.publishEvent(new IndexDeleted(accountId, indexId));
        if (!indexes.delete(accountId, indexId)) {
            throw new NotFoundException("Index");
        }
        audit.record(accountId, actor.userId(), AuditAction.INDEX_DELETED, index.name(),
                "videos=" + index.videoCount());
    }

    private List<IndexModel> requireModels(List<IndexModel> models) {
        if (models == null || models.isEmpty()) {
            throw new InvalidInputException("models", "parameter_not_provided", "Choose at least one model.");
        }
        Set<String> seen = new HashSet<>();
        for (IndexModel model : models) {
            if (model == null || model.modelName() == null || model.modelName().isBlank()) {
                throw new InvalidInputException("models", "parameter_not_provided", "Each model needs a model_name.");
            }
            if (!MODEL_NAMES.contains(model.modelName())) {
                throw new InvalidInputException("models", "parameter_invalid",
                        "Unknown model " + model.modelName() + ". Use marengo3.0, marengo2.7 or pegasus1.2.");
            }
            if (!seen.add(model.modelName())) {
                throw new InvalidInputException("models", "parameter_invalid", model.modelName() + " is listed twice.");
            }
            if (model.modelOptions() == null || model.modelOptions().isEmpty()) {
                throw new InvalidInputException("models", "parameter_invalid",
                        "Choose the model options of " + model.modelName() + ": visual, audio or both.");
            }
            if (model.modelOptions().stream().anyMatch(Objects::isNull) || !MODEL_OPTIONS.containsAll(model.modelOptions())
                    || new HashSet<>(model.modelOptions()).size() != model.modelOptions().size()) {
                throw new InvalidInputException("models", "parameter_invalid",
                        "Model options are visual and audio, each at most once.");
            }
        }
        return List.copyOf(models);
    }

    private static List<String> requireAddons(List<String> addons) {
        if (addons == null) {
            return List.of();
        }
        // Set.of(...).contains(null) throws (and so does List.of), so a JSON null in the list is refused first.
        if (addons.stream().anyMatch(Objects::isNull) || !ADDONS.containsAll(addons) || new HashSet<>(addons).size() != addons.size()) {
            throw new InvalidInputException("addons", "parameter_invalid", "The only addon is thumbnail.");
        }
        return List.copyOf(addons);
    }

    private static InvalidInputException nameTaken(String name) {
        return new InvalidInputException("index_name", "index_name_already_exists",
                "An index named " + name + " already exists in this account.");
    }

    /** How long the plan keeps an index ({@code atrium.plans.<plan>.index-retention}); {@code null}: for ever. */
    private Duration retention(String accountId) {
        return plans.limitsOf(accountId).indexRetention();
    }

    private IndexView view(IndexRow row, Duration retention) {
        return new IndexView(row.id(), row.name(), json.readValue(row.modelsJson(), MODELS),
                json.readValue(row.addonsJson(), STRINGS), row.videoCount(), row.totalDuration(), row.createdAt(),
                row.updatedAt(), retention == null ? null : row.createdAt().plus(retention));
    }

    /** The model filters, which the repository leaves to this (the rest of the filter is applied in SQL). */
    private static boolean usesModels(IndexView index, IndexFilter filter) {
        return (filter.modelFamily() == null || index.models().stream().anyMatch(m -> m.family().equals(filter.modelFamily())))
                && (filter.modelOptions() == null || filter.modelOptions().stream()
                        .allMatch(option -> index.models().stream().anyMatch(m -> m.modelOptions().contains(option))));
    }
}
