package io.sluice.admin;

import io.sluice.manage.Crud;
import io.sluice.manage.DomainData;
import io.sluice.manage.DomainService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

/** {@code /api/v1/internal-domains}: the organisation's domains (mail from them is outbound). */
@Path("/internal-domains")
public class DomainsResource extends CrudResource<DomainData> {

    @Inject
    DomainService domains;

    @Override
    protected Crud<DomainData> service() {
        return domains;
    }
}
