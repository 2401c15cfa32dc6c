using Npgsql;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Workflows.Tests.Persistence;

/// <summary>The production connection string prepares repeated statements and keeps pooled connections unreset.</summary>
public sealed class StatementReuseTests
{
    [Fact]
    public void A_plain_connection_string_gets_automatic_preparation_and_no_reset()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PerfWorkflowDatabase.WithStatementReuse("Host=db;Database=pw;Username=app;Password=s3cret;Timeout=7"));

        Assert.Equal(64, tuned.MaxAutoPrepare);
        Assert.Equal(2, tuned.AutoPrepareMinUsages);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal("db", tuned.Host);
        Assert.Equal("pw", tuned.Database);
        Assert.Equal("s3cret", tuned.Password);
        Assert.Equal(7, tuned.Timeout);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false", 0, false)]
    [InlineData("Host=db;maxautoprepare=10;noresetonclose=False", 10, false)]
    [InlineData("Host=db;MAX AUTO PREPARE=5", 5, true)]
    public void What_the_operator_wrote_wins(string given, int maxAutoPrepare, bool noResetOnClose)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PerfWorkflowDatabase.WithStatementReuse(given));

        Assert.Equal(maxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.Equal(noResetOnClose, tuned.NoResetOnClose);
    }
}
