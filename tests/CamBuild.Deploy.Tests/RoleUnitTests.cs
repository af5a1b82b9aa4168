using CamBuild.Deploy.Deployment;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Roles;

namespace CamBuild.Deploy.Tests;

public sealed class RoleUnitTests
{
    private const string Catalog = """
    {
      "format": 1,
      "roles": {
        "db": {
          "command": ["dbserver", "--port", "{port}"],
          "port": 5000,
          "health": ["true"],
          "user": "camdb",
          "environment": {"DB_HOME": "/var/lib/{instance}", "GREETING": "50% \"quoted\" $HOME"},
          "working_directory": "/var/lib/{instance}",
          "stop_signal": "SIGINT",
          "restart": {"delay_s": 0.5, "burst": 3, "interval_s": 30}
        },
        "app": {
          "description": "talks to the db",
          "command": ["/usr/bin/python3", "-c", "print('it''s $5 at 100%')", "{role:db}"],
          "health": ["true"],
          "requires": ["db"]
        }
      }
    }
    """;

    private static readonly RoleCatalog Roles = RoleCatalog.Parse(Catalog, "units-test.json");

    private static EnvironmentSpec Environment(params NodeSpec[] nodes) =>
        new("lab", "lxc", new NetworkSpec("cb-lab", "10.9.0.0/24", "10.9.0.1"), nodes, new Dictionary<string, string>());

    private static NodeSpec Node(string host, params string[] roles) => new(host, roles, "10.9.0.11/24", 1, 256, 1, null);

    [Fact]
    public void A_unit_carries_command_user_environment_directory_and_restart_limits()
    {
        var node = Node("n1", "db:main");
        var (name, text) = Assert.Single(RoleUnits.ForNode(Environment(node), node, Roles));

        Assert.Equal("cam-db-main.service", name);
        var lines = text.Split('\n');
        Assert.Contains("ExecStart=\"dbserver\" \"--port\" \"5000\"", lines);
        Assert.Contains("ExecSearchPath=" + RoleService.DefaultPath, lines);
        Assert.Contains("User=camdb", lines);
        Assert.Contains("Environment=\"DB_HOME=/var/lib/main\"", lines);
        Assert.Contains("Environment=\"GREETING=50%% \\\"quoted\\\" $HOME\"", lines);
        Assert.Contains("Environment=\"PATH=" + RoleService.DefaultPath + "\"", lines);
        Assert.Contains("WorkingDirectory=/var/lib/main", lines);
        Assert.Contains("KillSignal=SIGINT", lines);
        Assert.Contains("Restart=on-failure", lines);
        Assert.Contains("RestartSec=0.5", lines);
        Assert.Contains("StartLimitBurst=3", lines);
        Assert.Contains("StartLimitIntervalSec=30", lines);
        Assert.Contains("WantedBy=multi-user.target", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("Wants=", StringComparison.Ordinal));
    }

    [Fact]
    public void Required_roles_on_the_same_node_are_started_first_and_command_text_is_quoted_for_systemd()
    {
        var node = Node("n1", "app", "db:main", "db:spare");
        var units = RoleUnits.ForNode(Environment(node), node, Roles);

        var app = units[0].Text.Split('\n');
        Assert.Contains("After=network.target cam-db-main.service cam-db-spare.service", app);
        Assert.Contains("Wants=cam-db-main.service cam-db-spare.service", app);
        Assert.Contains("ExecStart=\"/usr/bin/python3\" \"-c\" \"print('it''s $$5 at 100%%')\" \"n1\"", app);
        Assert.Contains("Description=CAM role app:app - talks to the db", app);
        Assert.Contains("WorkingDirectory=/", app);
        Assert.Contains("RestartSec=1", app);
        Assert.DoesNotContain(app, line => line.StartsWith("User=", StringComparison.Ordinal));
        Assert.Contains("After=network.target", units[1].Text.Split('\n'));
        Assert.Equal(units[1].Text, RoleUnits.ForNode(Environment(node), node, Roles)[1].Text);
    }

    [Fact]
    public void A_required_role_on_another_node_adds_no_ordering()
    {
        var app = Node("n1", "app");
        var db = Node("n2", "db");
        var text = RoleUnits.ForNode(Environment(app, db), app, Roles)[0].Text;

        Assert.Contains("After=network.target\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Wants=", text, StringComparison.Ordinal);
        Assert.Contains("\"n2\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"user\": \"Root!\"", "\"user\" 'Root!' is not a valid account name")]
    [InlineData("\"working_directory\": \"var/lib\"", "must be an absolute path")]
    [InlineData("\"environment\": {\"1X\": \"a\"}", "environment variable name '1X'")]
    [InlineData("\"environment\": {\"X\": 1}", "environment variable 'X' must be a string")]
    [InlineData("\"stop_signal\": \"TERM\"", "\"stop_signal\" 'TERM' is not a signal name")]
    [InlineData("\"restart\": {\"burst\": 0}", "\"restart.burst\" must be an integer from 1 to 1000")]
    [InlineData("\"restart\": {\"often\": 1}", "unknown key 'restart.often'")]
    public void Bad_service_settings_name_the_role_and_the_fix(string setting, string expected)
    {
        var json = "{\"format\": 1, \"roles\": {\"r\": {\"command\": [\"x\"], \"health\": [\"true\"], " + setting + "}}}";

        var error = Assert.Throws<RoleCatalogException>(() => RoleCatalog.Parse(json, "roles.json"));

        Assert.StartsWith("roles.json: role 'r': ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Systemctl_show_output_is_read_as_running_restarting_or_failed()
    {
        var running = UnitStatus.Parse("u", "LoadState=loaded\nActiveState=active\nSubState=running\nResult=success\nNRestarts=2\n");
        var restarting = UnitStatus.Parse("u", "LoadState=loaded\nActiveState=activating\nSubState=auto-restart\nResult=signal\nNRestarts=1\n");
        var failed = UnitStatus.Parse("u", "LoadState=loaded\nActiveState=failed\nSubState=failed\nResult=start-limit-hit\nNRestarts=5\n");
        var missing = UnitStatus.Parse("u", "LoadState=not-found\nActiveState=inactive\nSubState=dead\n");

        Assert.Equal((true, false, 2), (running.Running, running.Failed, running.Restarts));
        Assert.Equal((false, false), (restarting.Running, restarting.Failed));
        Assert.True(failed.Failed);
        Assert.Equal("u is failed (failed), result start-limit-hit, restarted 5 time(s)", failed.Describe());
        Assert.False(missing.Loaded);
    }

    [Fact]
    public void Systemd_quoting_escapes_specifiers_variables_and_control_characters()
    {
        Assert.Equal("\"a b\\\\c\\\"d%%e$$f\\ng\"", SystemdSyntax.Quote("a b\\c\"d%e$f\ng", command: true));
        Assert.Equal("\"x=$y\"", SystemdSyntax.Quote("x=$y", command: false));
        Assert.Throws<ArgumentException>(() => SystemdSyntax.Literal("two\nlines", "Description"));
    }
}
