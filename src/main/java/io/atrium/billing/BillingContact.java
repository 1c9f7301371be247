package io.atrium.billing;

/** Who receives an account's statements, as free text; every field may be empty. */
public record BillingContact(String name, String email, String address, String taxId) {

    public static final BillingContact NONE = new BillingContact(null, null, null, null);

    public boolean empty() {
        return name == null && email == null && address == null && taxId == null;
    }
}
