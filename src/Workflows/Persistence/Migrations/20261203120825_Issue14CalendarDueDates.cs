using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerfWorkflow.Workflows.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Issue14CalendarDueDates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DueBasis",
                table: "work_tasks",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DueCountedFrom",
                table: "work_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DueBasis",
                table: "declarations",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DueCountedFrom",
                table: "declarations",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DueBasis",
                table: "work_tasks");

            migrationBuilder.DropColumn(
                name: "DueCountedFrom",
                table: "work_tasks");

            migrationBuilder.DropColumn(
                name: "DueBasis",
                table: "declarations");

            migrationBuilder.DropColumn(
                name: "DueCountedFrom",
                table: "declarations");
        }
    }
}
