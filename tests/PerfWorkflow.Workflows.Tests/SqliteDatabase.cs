using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Workflows.Tests;

/// <summary>The embedded profile's SQLite in memory, with its schema, alive while this object is (one open connection).</summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly SqliteConnection _connection = new("DataSource=:memory:");
    private readonly IInterceptor[] _interceptors;

    public SqliteDatabase(params IInterceptor[] interceptors)
    {
        _interceptors = interceptors;
        _connection.Open();
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    /// <summary>A new context on the one database, with the interceptors given at creation.</summary>
    public PerfWorkflowDbContext NewContext() =>
        new(new DbContextOptionsBuilder<PerfWorkflowDbContext>().UseSqlite(_connection).AddInterceptors(_interceptors).Options);

    public void Dispose() => _connection.Dispose();
}
