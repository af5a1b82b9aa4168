using CamBuild.Deploy.Config;

namespace CamBuild.Deploy.Tests;

public sealed class ConfigLoaderTests
{
    private const string Valid = """
        name: lab
        provider: lxc
        network:
          subnet: 10.90.0.0/24
          gateway: 10.90.0.1
        defaults:
          memory_mib: 256
        nodes:
          - hostname: web1
            address: 10.90.0.11
            roles: [web]
          - hostname: api1
            address: 10.90.0.12/24
            roles: [api]
            cores: 2
        """;

    [Fact]
    public void Valid_file_gives_the_environment_with_normalised_addresses_and_defaults()
    {
        var spec = EnvironmentConfigLoader.Parse(Valid, "lab.yaml", TestCatalog.Load(), expectedName: "lab");

        Assert.Equal("lab", spec.Name);
        Assert.Equal("cb-lab", spec.Network.Bridge);
        Assert.Equal(["10.90.0.11/24", "10.90.0.12/24"], spec.Nodes.Select(node => node.Address));
        Assert.Equal(256, spec.Nodes[0].MemoryMiB);
        Assert.Equal(2, spec.Nodes[1].Cores);
        Assert.Equal(1, spec.Nodes[0].Cores);
        Assert.Equal("{}", spec.RoleSettingsJson);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_line_and_column()
    {
        const string yaml = """
            name: lab
            provider: lxc
            colour: blue
            network:
              subnet: 10.90.0.0/24
              gateway: 10.90.0.1
            nodes:
              - hostname: web1
                address: 10.90.0.11
                roles: [web]
              - hostname: web1
                address: 10.90.1.12
                roles: [api, dancer]
              - hostname: db1
                address: 10.90.0.11
                roles: [web]
                cores: many
                colour: red
            """;

        var exception = Assert.Throws<EnvironmentConfigException>(() => EnvironmentConfigLoader.Parse(yaml, "lab.yaml", TestCatalog.Load()));

        var errors = exception.Errors.Select(error => error.ToString()).ToList();
        Assert.Contains("lab.yaml:3:1: unknown key 'colour' in the environment; allowed: name, provider, network, defaults, provider_settings, role_settings, nodes, rollout", errors);
        Assert.Contains(errors, error => error.StartsWith("lab.yaml:11:15: duplicate hostname 'web1' (first used at line 8)", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("lab.yaml:12:14: address 10.90.1.12 is outside the environment's subnet 10.90.0.0/24", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("lab.yaml:13:18: unknown role 'dancer' on node 'web1'", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("lab.yaml:15:14: duplicate address 10.90.0.11/24 (first used at line 9)", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("lab.yaml:16:13: role instance 'web:web' is already placed on node 'web1'", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("lab.yaml:17:12: 'cores' in node 'db1' must be an integer of at least 1, got 'many'", StringComparison.Ordinal));
        Assert.Contains("lab.yaml:18:5: unknown key 'colour' in node 'db1'; allowed: hostname, address, roles, cores, memory_mib, disk_gib, placement", errors);
        Assert.Equal(8, errors.Count);
        Assert.Contains("8 problems", exception.Message, StringComparison.Ordinal);
        Assert.Equal(2, DeployConfigurationException.ExitCode);
    }

    [Fact]
    public void A_role_whose_required_role_has_no_node_is_reported_at_the_role()
    {
        var yaml = Valid.Replace("roles: [web]", "roles: [broken]", StringComparison.Ordinal);

        var error = Assert.Single(Assert.Throws<EnvironmentConfigException>(() => EnvironmentConfigLoader.Parse(yaml, "lab.yaml", TestCatalog.Load())).Errors);

        Assert.Equal((14, 13), (error.Line, error.Column));
        Assert.Equal("role 'api' on node 'api1' needs role 'web', but no node has it; add 'web' to a node's roles", error.Message);
    }

    [Theory]
    [InlineData("subnet: 10.90.0.0/24", "subnet: 10.90.0.5/24", "'10.90.0.5/24' has host bits set; did you mean 10.90.0.0/24?")]
    [InlineData("gateway: 10.90.0.1", "gateway: 10.91.0.1", "gateway 10.91.0.1 is not a host address of the subnet 10.90.0.0/24")]
    [InlineData("address: 10.90.0.11", "address: 10.90.0.1", "address 10.90.0.1 is the gateway's address; pick another one")]
    [InlineData("address: 10.90.0.11", "address: 10.90.0.255", "address 10.90.0.255 is outside the environment's subnet 10.90.0.0/24 (or is its network/broadcast address)")]
    [InlineData("address: 10.90.0.12/24", "address: 10.90.0.12/16", "address '10.90.0.12/16' has prefix /16 but the environment's subnet is 10.90.0.0/24")]
    [InlineData("address: 10.90.0.11", "address: ten", "address 'ten' is not an IPv4 address (optionally with the subnet's prefix, e.g. 10.80.0.11/24)")]
    [InlineData("provider: lxc", "provider: vmware", "unknown provider 'vmware'; known: lxc, proxmox")]
    [InlineData("hostname: web1", "hostname: Web_1", "hostname 'Web_1' must be 1..63 lowercase letters, digits or '-', not starting or ending with '-'")]
    [InlineData("roles: [web]", "roles: [Web]", "'Web' is not a role reference; write role or role:instance with lowercase letters, digits and '-'")]
    [InlineData("roles: [web]", "roles: []", "'roles' of node 'web1' must be a non-empty list of role references (role or role:instance)")]
    [InlineData("name: lab", "name: other", "name 'other' must match the file name; rename the file to other.yaml or set name: lab")]
    [InlineData("  gateway: 10.90.0.1", "  gateway: 10.90.0.1\n  bridge: a-bridge-name-too-long", "bridge 'a-bridge-name-too-long' must be 1..15 characters of letters, digits, '-', '_' or '.' (a Linux interface name)")]
    [InlineData("provider: lxc", "provider: lxc\nprovider_settings:\n  api_token: abc", "'api_token' looks like a secret; secrets never go into node configuration, pass them as secret build parameters")]
    [InlineData("memory_mib: 256", "memory_mib: 256\n  colour: red", "unknown key 'colour' in defaults; allowed: cores, memory_mib, disk_gib")]
    public void Malformed_values_are_reported_with_the_fix(string find, string replace, string message)
    {
        var yaml = Valid.Replace(find, replace, StringComparison.Ordinal);

        var exception = Assert.Throws<EnvironmentConfigException>(() =>
            EnvironmentConfigLoader.Parse(yaml, "lab.yaml", TestCatalog.Load(), expectedName: "lab"));

        Assert.Contains(message, exception.Errors.Select(error => error.Message));
        Assert.DoesNotContain("abc", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_yaml_is_reported_with_its_position()
    {
        var error = Assert.Single(Assert.Throws<EnvironmentConfigException>(() =>
            EnvironmentConfigLoader.Parse("name: lab\nnodes: [a, b\n", "lab.yaml")).Errors);

        Assert.Equal("lab.yaml", error.File);
        Assert.StartsWith("not valid YAML", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line >= 2);
    }

    [Fact]
    public void Role_settings_become_json_and_must_name_placed_instances_and_free_ports()
    {
        var yaml = Valid.Replace("nodes:", """
            role_settings:
              web:
                port: 8081
                label: "007"
                ratio: 1.5
              api:web9:
                enabled: true
            nodes:
            """, StringComparison.Ordinal).Replace("roles: [api]", "roles: [api, web:second]", StringComparison.Ordinal);

        var errors = Assert.Throws<EnvironmentConfigException>(() => EnvironmentConfigLoader.Parse(yaml, "lab.yaml", TestCatalog.Load())).Errors
            .Select(error => error.Message).ToList();

        Assert.Contains("role_settings for 'api:web9', which no node runs; add it to a node's roles or remove the settings", errors);
        Assert.Contains("'api:api' and 'web:second' both listen on port 8081 on node 'api1'; set a port for one of them under role_settings", errors);

        var fixedYaml = yaml.Replace("  api:web9:\n    enabled: true\n", "", StringComparison.Ordinal).Replace("port: 8081", "port: 8090", StringComparison.Ordinal);
        var spec = EnvironmentConfigLoader.Parse(fixedYaml, "lab.yaml", TestCatalog.Load());
        Assert.Equal("""{"web":{"port":8090,"label":"007","ratio":1.5}}""", spec.RoleSettingsJson);
    }

    [Theory]
    [InlineData("local.yaml", 4)]
    [InlineData("cam.yaml", 15)]
    public void Shipped_environments_are_valid_against_the_sample_roles(string file, int nodes)
    {
        var path = Path.Combine(TestCatalog.RepositoryRoot, "config", "environments", file);

        var spec = EnvironmentConfigLoader.Load(path, TestCatalog.SampleRoles());

        Assert.Equal(nodes, spec.Nodes.Count);
        Assert.Equal("lxc", spec.Provider);
    }
}
