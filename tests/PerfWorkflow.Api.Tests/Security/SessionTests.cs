using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Api.Tests.Pages;
using PerfWorkflow.Workflows.Organisation;

namespace PerfWorkflow.Api.Tests.Security;

/// <summary>Cookies are worth only what the users table says now, and the stored keys alone cannot mint one (docs/security.md).</summary>
public sealed class SessionTests
{
    private const string CookieName = ".PerfWorkflow.Auth";

    [Fact]
    public async Task KeyRing_IsEncryptedAtRest_SoTheStoredKeysCannotMintAnOfficeCookie()
    {
        await using var app = new PortalApp();
        using var office = await app.SignInAsync("office");
        var keys = await app.WithDomainAsync((db, _) => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());
        var user = await app.WithDomainAsync((db, _) => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "office"));

        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal));

        // What someone with a copy of the database does: the key XML and the user's row, no certificate.
        string? forged;
        try
        {
            forged = MintWithStoredKeys(keys, AuthExtensions.ToPrincipal(user, "办公室"));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            forged = null;
        }
        if (forged is not null)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(app, forged)).StatusCode);
        }
    }

    [Fact]
    public async Task Cookie_OfAUserThatDoesNotExist_IsRefused()
    {
        await using var app = new PortalApp();
        var ghost = new AppUser { Id = Guid.NewGuid(), UserName = "ghost", DisplayName = "不存在", Role = UserRole.Admin, SecurityStamp = "x" };

        var cookie = MintWithAppKeys(app.Factory, AuthExtensions.ToPrincipal(ghost));

        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(app, cookie)).StatusCode);
    }

    [Fact]
    public async Task Cookie_EndsAtOnce_WhenThisNodeDeactivatesTheUser()
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        Assert.Equal(HttpStatusCode.OK, (await drafter.GetAsync("/api/auth/me")).StatusCode);

        await app.WithDomainAsync(async (db, _) =>
        {
            (await db.Users.SingleAsync(u => u.UserName == "drafter.gy")).IsActive = false;
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await drafter.GetAsync("/api/auth/me")).StatusCode);
        using var page = await drafter.GetAsync("/tasks");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Theory]
    [InlineData("UPDATE users SET \"IsActive\" = 0 WHERE \"UserName\" = 'admin'")]
    [InlineData("UPDATE users SET \"Role\" = 'SectionDrafter', \"SectionId\" = 'gy' WHERE \"UserName\" = 'admin'")]
    public async Task Cookie_EndsWithinTheRevalidationTime_WhenAnotherNodeOrSqlChangesTheUser(string sql)
    {
        await using var app = new PortalApp();
        using var admin = await app.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/auth/me")).StatusCode);

        await app.WithDomainAsync((db, _) => db.Database.ExecuteSqlRawAsync(sql));
        app.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Cookie_EndsAtOnce_WhenThePasswordOrRoleChanges_ButNotWhenAnotherColumnDoes()
    {
        await using var app = new PortalApp();
        using var leader = await app.SignInAsync("leader");
        using var office = await app.SignInAsync("office");

        await app.WithDomainAsync(async (db, _) =>
        {
            (await db.Users.SingleAsync(u => u.UserName == "leader")).DisplayName = "赵局长（新）";
            (await db.Users.SingleAsync(u => u.UserName == "office")).Role = UserRole.SectionHead;
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await office.GetAsync("/api/auth/me")).StatusCode);
    }

    private static async Task<HttpResponseMessage> MeAsync(PortalApp app, string cookie)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Cookie", $"{CookieName}={cookie}");
        return await client.SendAsync(request);
    }

    private static string MintWithAppKeys(WebApplicationFactory<Program> factory, ClaimsPrincipal principal)
    {
        var options = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        return options.TicketDataFormat.Protect(Ticket(principal));
    }

    /// <summary>A Data Protection stack of its own on the key XML read from the database, as the audit did it.</summary>
    private static string MintWithStoredKeys(IReadOnlyList<string> keys, ClaimsPrincipal principal)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().SetApplicationName("PerfWorkflow");
        services.Configure<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new StoredKeys(keys);
            o.AutoGenerateKeys = false;
        });
        using var provider = services.BuildServiceProvider();
        var protector = provider.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", CookieAuthenticationDefaults.AuthenticationScheme, "v2");
        return new TicketDataFormat(protector).Protect(Ticket(principal));
    }

    private static AuthenticationTicket Ticket(ClaimsPrincipal principal) =>
        new(principal, new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow, ExpiresUtc = DateTimeOffset.UtcNow.AddHours(8) }, CookieAuthenticationDefaults.AuthenticationScheme);

    private sealed class StoredKeys(IReadOnlyList<string> xml) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => xml.Select(x => XElement.Parse(x)).ToList();

        public void StoreElement(XElement element, string friendlyName)
        {
        }
    }
}
