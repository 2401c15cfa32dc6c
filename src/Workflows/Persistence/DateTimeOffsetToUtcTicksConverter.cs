using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PerfWorkflow.Workflows.Persistence;

/// <summary>Stores a DateTimeOffset as UTC ticks so SQLite can sort and compare it.</summary>
internal sealed class DateTimeOffsetToUtcTicksConverter()
    : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

/// <summary>Normalises a DateTimeOffset to UTC before PostgreSQL sees it.</summary>
internal sealed class DateTimeOffsetToUtcConverter()
    : ValueConverter<DateTimeOffset, DateTimeOffset>(
        value => value.ToUniversalTime(),
        value => value);
