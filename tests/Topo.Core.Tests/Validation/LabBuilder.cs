using System.Collections.Immutable;
using Topo.Core.Model;
using Topo.Core.Validation;

namespace Topo.Core.Tests.Validation;

/// <summary>
/// Builds a <see cref="LabFile"/> in code. Every value gets the next line number, so values
/// added later stand later in the "file" and diagnostics sort as they would for a real one.
/// </summary>
internal sealed class LabBuilder
{
    private int _line = 1;
    private Located<int>? _version;
    private Located<string>? _lab;
    private readonly List<SysctlSpec> _hostSysctls = [];
    private readonly List<RouteSpec> _hostRoutes = [];
    private readonly List<BridgeSpec> _bridges = [];
    private readonly List<NodeSpec> _nodes = [];
    private readonly List<LinkSpec> _links = [];
    private readonly List<CheckSpec> _checks = [];

    private SourceMark Next() => new(_line++, 1);

    private Located<T> At<T>(T value) => new(value, Next());

    private Located<T>? Maybe<T>(T? value) where T : class => value is null ? null : At(value);

    private Located<T>? Maybe<T>(T? value) where T : struct => value is null ? null : At(value.Value);

    public LabBuilder Version(int version)
    {
        _version = At(version);
        return this;
    }

    public LabBuilder Lab(string name)
    {
        _lab = At(name);
        return this;
    }

    public LabBuilder HostSysctl(string key, string value)
    {
        _hostSysctls.Add(new SysctlSpec(At(key), At(value)));
        return this;
    }

    public LabBuilder HostRoute(string to, string? via = null, string? dev = null)
    {
        _hostRoutes.Add(Route(to, via, dev));
        return this;
    }

    public LabBuilder Bridge(
        string name, string? subnet = null, string? node = null, string? address = null, string? ipRange = null,
        bool? masquerade = null, bool? isolated = null, int? mtu = null, string? mac = null)
    {
        _bridges.Add(new BridgeSpec(At(name), Maybe(node), Maybe(subnet), Maybe(address), Maybe(ipRange), Maybe(masquerade), Maybe(isolated), Maybe(mtu), Maybe(mac)));
        return this;
    }

    /// <summary>A bridge with a subnet per family (<c>subnet: [172.20.0.0/16, fd00:20::/64]</c>) and ip_ranges to match.</summary>
    public LabBuilder DualStackBridge(
        string name, string[] subnets, string[]? ipRanges = null, string? address = null, bool? masquerade = null, bool? isolated = null, bool? @internal = null)
    {
        var written = subnets.Select(At).ToImmutableArray();
        var ranges = (ipRanges ?? []).Select(At).ToImmutableArray();
        _bridges.Add(new BridgeSpec(At(name), null, written.FirstOrDefault(), Maybe(address), ranges.FirstOrDefault(), Maybe(masquerade), Maybe(isolated), null, null)
        {
            Subnets = written,
            IpRanges = ranges,
            Internal = Maybe(@internal),
        });
        return this;
    }

    public LabBuilder Node(
        string name, string[]? ports = null, (string To, string? Via, string? Dev)[]? routes = null, (string Key, string Value)[]? sysctls = null,
        string? network = null, string? netns = null)
    {
        var nameAt = At(name);
        var sysctlSpecs = (sysctls ?? []).Select(s => new SysctlSpec(At(s.Key), At(s.Value))).ToImmutableArray();
        var routeSpecs = (routes ?? []).Select(r => Route(r.To, r.Via, r.Dev)).ToImmutableArray();
        var portSpecs = (ports ?? []).Select(At).ToImmutableArray();
        _nodes.Add(new NodeSpec(nameAt, sysctlSpecs, routeSpecs, portSpecs) { Network = Maybe(network), Netns = Maybe(netns) });
        return this;
    }

    public LabBuilder Nodes(params string[] names)
    {
        foreach (var name in names) Node(name);
        return this;
    }

    public LabBuilder Link(string a, string b, int? mtu = null, (string End, string[] Cidrs)[]? addresses = null, (string End, string Mac)[]? macs = null) =>
        LinkOf([a, b], mtu, addresses, macs);

    public LabBuilder LinkOf(string[] endpoints, int? mtu = null, (string End, string[] Cidrs)[]? addresses = null, (string End, string Mac)[]? macs = null)
    {
        var mark = Next();
        var ends = endpoints.Select(At).ToImmutableArray();
        var addressSpecs = (addresses ?? []).Select(a => new EndpointAddresses(At(a.End), [.. a.Cidrs.Select(At)])).ToImmutableArray();
        var macSpecs = (macs ?? []).Select(m => new EndpointMac(At(m.End), At(m.Mac))).ToImmutableArray();
        _links.Add(new LinkSpec(mark, ends, addressSpecs, Maybe(mtu), macSpecs));
        return this;
    }

    public LabBuilder Check(string from, string to, string? proto = null, string expect = "reach", string? timeout = null, bool? standIn = null)
    {
        _checks.Add(new CheckSpec(At(from), At(to), Maybe(proto), At(expect), Maybe(timeout), Maybe(standIn)));
        return this;
    }

    public LabFile Build() => new(
        _version ?? new Located<int>(1, new SourceMark(1, 1)),
        _lab ?? new Located<string>("t", new SourceMark(1, 1)),
        new HostSpec([.. _hostSysctls], [.. _hostRoutes]),
        [.. _bridges],
        [.. _nodes],
        [.. _links],
        [.. _checks]);

    public ValidationResult Validate() => LabValidator.Validate(Build());

    /// <summary>Each diagnostic as <c>PATH: MESSAGE</c>, in the order the validator gives them.</summary>
    public string[] Errors() => [.. Validate().Diagnostics.Select(d => $"{d.Path}: {d.Message}")];

    /// <summary>The desired state, which must exist: the lab has to be valid.</summary>
    public ValidatedLab Valid()
    {
        var result = Validate();
        Assert.True(result.Lab is not null, string.Join("\n", result.Diagnostics.Select(d => $"{d.Path}: {d.Message}")));
        return result.Lab!;
    }

    private RouteSpec Route(string to, string? via, string? dev) => new(Next(), At(to), Maybe(via), Maybe(dev));
}
