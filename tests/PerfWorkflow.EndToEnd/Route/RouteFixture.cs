using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Synthetic;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.EndToEnd.Route;

/// <summary>One production app on a fresh PostgreSQL database with the organisation of the demo, shared by a test class.</summary>
public sealed class RouteFixture : IAsyncLifetime
{
    public const string Password = TestOrganisation.Password;
    private int _nextCycle = 2100;
    private static int _nextSeed = 1;

    public TestDatabase Database { get; private set; } = null!;

    public SmtpTestServer Smtp { get; private set; } = null!;

    public WebApplicationFactory<Program> App { get; private set; } = null!;

    /// <summary>Fails the next command that inserts into the given table (a fault in the middle of an action).</summary>
    public FaultInjector Faults { get; } = new();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Smtp = SmtpTestServer.Start();
        App = new ProductionApp(Database, Smtp).WithWebHostBuilder(b =>
            b.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(Faults)));
        await TestOrganisation.SeedAsync(App.Services);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>A new budget cycle of its own, so package tests never see each other's declarations.</summary>
    public async Task<int> NewCycleAsync()
    {
        var year = Interlocked.Increment(ref _nextCycle);
        // Due dates well ahead of the real clock this host runs on: its minutely reminder sweep must not mail the
        // tests' tasks as due soon or overdue, whatever day the suite runs.
        await TestOrganisation.AddCycleAsync(App.Services, year, ChinaTime.Today(TimeProvider.System).AddDays(90));
        return year;
    }

    public Task<HttpClient> LoginAsync(string userName) => LoginAsync(App, userName);

    /// <summary>A client of <paramref name="app"/> signed in as a user of the test organisation.</summary>
    public static async Task<HttpClient> LoginAsync(WebApplicationFactory<Program> app, string userName)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>A valid form (no error findings) from the generator, different each call.</summary>
    public static DeclarationForm ValidForm() =>
        new DeclarationGenerator(new DeclarationRulesOptions()).Generate(Interlocked.Increment(ref _nextSeed), 1, 0).Single().Form;

    /// <summary>Creates a draft through the API as <paramref name="drafter"/> and returns the created declaration.</summary>
    public static async Task<JsonObject> CreateAsync(HttpClient drafter, int cycle, DeclarationForm? form = null)
    {
        var body = JsonSerializer.SerializeToNode(form ?? ValidForm(), DeclarationJson.Options)!.AsObject();
        body["cycleYear"] = cycle;
        using var response = await drafter.PostAsJsonAsync("/api/declarations", body);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}

public sealed class FaultInjector : DbCommandInterceptor
{
    public string? FailOnInsertInto { get; set; }

    public override ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
        System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Check(System.Data.Common.DbCommand command)
    {
        if (FailOnInsertInto is { } table && command.CommandText.Contains($"INSERT INTO {table}", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Injected fault while inserting into {table}.");
        }
    }
}
