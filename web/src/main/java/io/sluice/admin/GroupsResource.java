package io.sluice.admin;

import io.sluice.manage.Crud;
import io.sluice.manage.GroupData;
import io.sluice.manage.GroupService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

/** {@code /api/v1/groups}: named address groups that policies refer to. */
@Path("/groups")
public class GroupsResource extends CrudResource<GroupData> {

    @Inject
    GroupService groups;

    @Override
    protected Crud<GroupData> service() {
        return groups;
    }

    @Override
    protected String kind() {
        return "group";
    }
}
