package io.sluice.admin;

import io.sluice.manage.Crud;
import io.sluice.manage.DomainData;
import io.sluice.manage.DomainService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

/**
 * {@code /api/v1/internal-domains}: the organisation's domains, kept as a list; they do not make
 * mail outbound (the client's network or AUTH does).
 */
@Path("/internal-domains")
public class DomainsResource extends CrudResource<DomainData> {

    @Inject
    DomainService domains;

    @Override
    protected Crud<DomainData> service() {
        return domains;
    }

    @Override
    protected String kind() {
        return "internal domain";
    }
}
