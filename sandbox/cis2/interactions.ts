import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { errorPage, loginPage } from "./pages";
import { CIS2_REALM_PATH, type MockCis2 } from "./provider";
import { findMockUser } from "./users";

const loginForm = z.object({ username: z.string().max(100).default("") });

/** The mock CIS2's sign-in screen: a username only, like the NHS's simulated CIS2. */
export function registerCis2Interactions(app: FastifyInstance, { provider }: MockCis2) {
  const interactionPath = `${CIS2_REALM_PATH}/interaction/:uid`;

  async function loadInteraction(request: FastifyRequest, reply: FastifyReply) {
    try {
      return await provider.interactionDetails(request.raw, reply.raw);
    } catch {
      reply.code(400).type("text/html").send(errorPage("Your sign-in has expired", "Go back to the service you were signing in to and start again."));
      return null;
    }
  }

  async function clientName(clientId: unknown) {
    const client = typeof clientId === "string" ? await provider.Client.find(clientId) : undefined;
    return client?.clientName ?? "A service";
  }

  app.get(interactionPath, async (request, reply) => {
    const interaction = await loadInteraction(request, reply);
    if (!interaction) return reply;
    return reply
      .type("text/html")
      .header("cache-control", "no-store")
      .send(
        loginPage({
          action: `${CIS2_REALM_PATH}/interaction/${interaction.uid}/login`,
          clientName: await clientName(interaction.params.client_id),
        }),
      );
  });

  app.post(`${interactionPath}/login`, async (request, reply) => {
    const interaction = await loadInteraction(request, reply);
    if (!interaction) return reply;
    const form = loginForm.safeParse(request.body ?? {});
    const username = form.success ? form.data.username.trim() : "";
    const user = username ? findMockUser(username) : undefined;
    if (!user) {
      return reply
        .code(400)
        .type("text/html")
        .send(
          loginPage({
            action: `${CIS2_REALM_PATH}/interaction/${interaction.uid}/login`,
            clientName: await clientName(interaction.params.client_id),
            username,
            error: username ? "No test user has that username. Enter one from the table below" : "Enter your username",
          }),
        );
    }
    reply.hijack();
    await provider.interactionFinished(
      request.raw,
      reply.raw,
      { login: { accountId: user.username, acr: user.acr, amr: user.amr } },
      { mergeWithLastSubmission: false },
    );
  });
}
