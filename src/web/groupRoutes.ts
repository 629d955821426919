/**
 * The group routes of the local web app's API (issue 7, item 1 "groups (create, add, remove,
 * leave, members)"), over the SDK's groups (issue 6, src/client/groups.ts). Bodies are validated
 * like every other route (see api.ts); the SDK decides who may do what (only admins add and remove).
 *   GET  /api/groups                          our groups, with our role in each
 *   POST /api/groups {name, members}          create one with us as admin (members: contact ids)
 *   GET  /api/groups/:id/members              members with role, and for contacts whether verified
 *   POST /api/groups/:id/members {member}     add a contact (contact id)
 *   POST /api/groups/:id/remove {member}      remove a member (identity key)
 *   POST /api/groups/:id/leave
 *   POST /api/groups/:id/rename {name}        rename it (admins only)
 *   POST /api/groups/:id/admin {member, admin} make a member an admin, or a plain member again (identity key; admins only)
 */
import { z } from 'zod';
import type { GroupInfo } from '../client/groups.js';
import type { GroupMemberView, GroupView } from './apiTypes.js';
import { LIMITS, parse, type Handler } from './api.js';
import type { WebClient } from './webClient.js';

/** Members named at creation: one group change carries at most this many operations (protocol MAX_OPS_PER_CHANGE). */
export const MAX_NEW_GROUP_MEMBERS = 100;

const view = (g: GroupInfo): GroupView => ({ id: g.id, name: g.name, members: g.members, role: g.role });

async function members(client: WebClient, group: string): Promise<GroupMemberView[]> {
  const [list, contacts] = await Promise.all([client.groupMembers(group), client.contacts()]);
  // The SDK names a member who is one of our contacts by the contact's (unique) name.
  return list.map((m) => {
    const contact = m.contact ? contacts.find((c) => c.name === m.name) : undefined;
    return {
      identityKey: m.identityKey,
      name: m.name,
      role: m.role,
      self: m.self,
      contactId: contact?.id,
      verified: contact?.verified ?? false,
      identityChanged: contact?.identityChanged ?? false,
    };
  });
}

/** Called by createApi (api.ts imports this module, so nothing of api.ts is used before that call). */
export function groupRoutes(client: () => WebClient): [method: string, pattern: RegExp, handler: Handler][] {
  const id = z.string().min(1).max(LIMITS.id);
  const schemas = {
    create: z.object({
      name: z.string().min(1).max(LIMITS.name).refine((s) => s.trim().length > 0, 'name is blank'),
      members: z.array(id).max(MAX_NEW_GROUP_MEMBERS),
    }),
    member: z.object({ member: id }),
    rename: z.object({ name: z.string().min(1).max(LIMITS.name).refine((s) => s.trim().length > 0, 'name is blank') }),
    admin: z.object({ member: id, admin: z.boolean() }),
  };
  return [
    ['GET', /^\/api\/groups$/, async () => (await client().groups()).map(view)],
    [
      'POST',
      /^\/api\/groups$/,
      async (req) => {
        const { name, members } = parse(schemas.create, req.body);
        return view(await client().createGroup(name.trim(), [...new Set(members)]));
      },
    ],
    ['GET', /^\/api\/groups\/([^/]+)\/members$/, (_req, [group]) => members(client(), group!)],
    ['POST', /^\/api\/groups\/([^/]+)\/members$/, async (req, [group]) => view(await client().addToGroup(group!, parse(schemas.member, req.body).member))],
    ['POST', /^\/api\/groups\/([^/]+)\/remove$/, async (req, [group]) => view(await client().removeFromGroup(group!, parse(schemas.member, req.body).member))],
    ['POST', /^\/api\/groups\/([^/]+)\/leave$/, async (_req, [group]) => view(await client().leaveGroup(group!))],
    ['POST', /^\/api\/groups\/([^/]+)\/rename$/, async (req, [group]) => view(await client().renameGroup(group!, parse(schemas.rename, req.body).name.trim()))],
    [
      'POST',
      /^\/api\/groups\/([^/]+)\/admin$/,
      async (req, [group]) => {
        const { member, admin } = parse(schemas.admin, req.body);
        return view(await client().setGroupAdmin(group!, member, admin));
      },
    ],
  ];
}
