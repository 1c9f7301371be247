package io.atrium.index;

import java.util.List;

/** What creating an index takes: a name unique in the account, one or more models, optional addons. */
public record CreateIndexCommand(String name, List<IndexModel> models, List<String> addons) {
}
