using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerfWorkflow.Api.Tests.Hosting;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Tests.Messaging;

/// <summary>What one route action leaves in the outbox, read with the dispatcher stopped so nothing is taken away.</summary>
public sealed class SubmitEventsTests
{
    [Fact]
    public async Task Submit_WritesOneEvent_TheSubmission_NotAlsoAnAssignmentThatWouldMailNobody()
    {
        await using var app = new EmbeddedApp();
        await using var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.Remove(services.Single(d => d.ImplementationType == typeof(PerfWorkflow.Api.Messaging.OutboxDispatcher)))));
        using var drafter = EmbeddedApp.CreateDiagnosedClient(factory, app.Errors);
        using (var login = await drafter.PostAsJsonAsync("/api/auth/login", new { userName = "drafter.gy", password = "Demo#2024" }))
        {
            login.EnsureSuccessStatusCode();
        }
        var id = (await drafter.GetFromJsonAsync<JsonArray>("/api/declarations?stage=Draft"))!.First()!["id"]!.GetValue<Guid>();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        var before = await db.OutboxMessages.Select(m => m.Id).DefaultIfEmpty().MaxAsync();

        using var submit = await drafter.PostAsJsonAsync($"/api/declarations/{id}/actions/submit", new { });

        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        var written = await db.OutboxMessages.AsNoTracking().Where(m => m.Id > before).Select(m => m.MessageType).ToListAsync();
        Assert.Equal([typeof(DeclarationSubmitted).FullName!], written);
    }
}
