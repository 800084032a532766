import { z } from 'zod';
import { readCookie } from '../context';
import { login, logout, SESSION_COOKIE, sessionCookie, userFromSession } from '../services/auth';
import { guardsFor } from '../security/guards';
import { clientAddress, isSecureRequest } from '../security/request';
import { publicProcedure, router } from '../trpc';

/** What a signed-in user learns of their own account (never the password hash or the session token). */
const sessionUser = z.object({ id: z.number(), username: z.string(), role: z.enum(['curator', 'admin']) });

export const authRouter = router({
  me: publicProcedure.output(sessionUser.nullable()).query(({ ctx }) => userFromSession(ctx.db, readCookie(ctx.req, SESSION_COOKIE))),
  login: publicProcedure
    .input(z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }))
    .output(sessionUser)
    .mutation(async ({ ctx, input }) => {
      const address = clientAddress(ctx.req, !!ctx.config.trustProxy);
      const { token, user } = await login(ctx.db, guardsFor(ctx).signIn, address, input.username, input.password);
      ctx.res?.setHeader('Set-Cookie', sessionCookie(token, { secure: isSecureRequest(ctx.req, ctx.config) }));
      return user;
    }),
  logout: publicProcedure.output(z.object({ ok: z.boolean() })).mutation(({ ctx }) => {
    logout(ctx.db, readCookie(ctx.req, SESSION_COOKIE));
    ctx.res?.setHeader('Set-Cookie', sessionCookie('', { maxAgeS: 0, secure: isSecureRequest(ctx.req, ctx.config) }));
    return { ok: true };
  }),
});
