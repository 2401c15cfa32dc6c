namespace PerfWorkflow.EndToEnd.Infrastructure;

/// <summary>
/// Where the real servers started by infra/services.sh are. A missing variable fails the test loudly: these tests never
/// skip and never fall back to an embedded substitute.
/// </summary>
public static class TestEnvironment
{
    public static string PostgresAdminConnectionString => Require("PW_TEST_POSTGRES");

    public static Uri RabbitMqUri => new(Require("PW_TEST_RABBITMQ"));

    public static string ChromiumPath => Require("PW_TEST_CHROMIUM");

    /// <summary>LibreOffice's soffice (Debian libreoffice-calc), installed by infra/services.sh.</summary>
    public static string SofficePath => Require("PW_TEST_SOFFICE");

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Environment variable {name} is not set. These tests need the real servers: run infra/test.sh, " +
                "or `infra/services.sh start && eval \"$(infra/services.sh env)\"` before `dotnet test`.");
}
