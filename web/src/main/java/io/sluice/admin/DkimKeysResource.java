package io.sluice.admin;

import io.sluice.manage.Crud;
import io.sluice.manage.DkimKeyData;
import io.sluice.manage.DkimKeyService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

/**
 * {@code /api/v1/dkim-keys}: DKIM signing keys per domain and selector. POST generates a key
 * (RSA-2048 or Ed25519) and answers with the TXT record to publish; PUT with {@code active}
 * makes it the one that signs for its domain (rotation by selector); the private key is never shown.
 */
@Path("/dkim-keys")
public class DkimKeysResource extends CrudResource<DkimKeyData> {

    @Inject
    DkimKeyService keys;

    @Override
    protected Crud<DkimKeyData> service() {
        return keys;
    }

    @Override
    protected String kind() {
        return "DKIM key";
    }
}
