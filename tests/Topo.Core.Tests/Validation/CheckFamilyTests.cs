namespace Topo.Core.Tests.Validation;

/// <summary>
/// Checks over IPv6: <c>family: 6</c> picks a name's IPv6 address, as <c>ping -6 box2</c> does; without it a dual-stack
/// name is reached over IPv4, as <c>ping box2</c> in a dual-stack Docker network is; an address says its own family.
/// </summary>
public sealed class CheckFamilyTests
{
    private const string Head = """
        version: 1
        lab: fam
        bridges:
          br0: {subnet: [172.20.0.0/16, "fd00:20::/64"]}
          v6only: {subnet: "fd00:30::/64"}
        nodes:
          box1: {}
          box2: {}
          six: {}
          cli: {}
        links:
          - [box1:eth0, br0]
          - [box2:eth0, br0]
          - [six:eth0, v6only]
          - endpoints: [cli:eth0, host:cli0]
            addresses: {cli:eth0: [10.9.0.2/24, "fd00:9::2/64"], host:cli0: [10.9.0.1/24, "fd00:9::1/64"]}
        checks:

        """;

    private static LoadResult Load(string checks) => LabLoader.LoadText("fam.yaml", Head + checks);

    [Theory]
    [InlineData("{from: box1, to: box2, expect: reach}", "172.20.0.3")]
    [InlineData("{from: box1, to: box2, family: 6, expect: reach}", "fd00:20::3")]
    [InlineData("{from: box1, to: box2, family: 4, expect: reach}", "172.20.0.3")]
    [InlineData("{from: box1, to: 'box2:80', family: 6, expect: reach}", "fd00:20::3")]
    [InlineData("{from: box1, to: 'box2:eth0', family: 6, expect: reach}", "fd00:20::3")]
    [InlineData("{from: box1, to: six, expect: reach}", "fd00:30::2")]
    [InlineData("{from: cli, to: 'host:8080', family: 6, expect: reach}", "fd00:9::1")]
    [InlineData("{from: cli, to: host, expect: reach}", "10.9.0.1")]
    [InlineData("{from: host, to: 'host:22', family: 6, expect: reach}", "::1")]
    [InlineData("{from: box1, to: 'fd00:20::3', expect: reach}", "fd00:20::3")]
    [InlineData("{from: box1, to: '[fd00:20::3]:53', proto: udp, family: 6, expect: refused}", "fd00:20::3")]
    public void A_check_goes_to_the_address_of_the_family_asked_for(string check, string address) =>
        Assert.Equal(address, Assert.Single(Load($"  - {check}\n").Lab!.Checks).Address);

    [Theory]
    [InlineData("{from: box1, to: box2, family: 5, expect: reach}",
        "fam.yaml:18:36: checks[0].family: family '5' must be 4 or 6 (which of the target's addresses to try; an address in to says its own)")]
    [InlineData("{from: box1, to: '172.20.0.3', family: 6, expect: reach}",
        "fam.yaml:18:44: checks[0].family: family 6 but 172.20.0.3 is an IPv4 address; leave family out, the address says its own")]
    [InlineData("{from: box1, to: six, family: 4, expect: reach}",
        "fam.yaml:18:22: checks[0].to: six has no IPv4 address for a check to reach (give it one on a link)")]
    public void A_family_that_cannot_be_had_is_an_error_at_its_place(string check, string error) =>
        Assert.Contains(error, Load($"  - {check}\n").Lines);
}
