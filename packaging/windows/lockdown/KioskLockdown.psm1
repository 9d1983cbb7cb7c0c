<#
    Shared by the kiosk lockdown scripts (Set-ShellLauncher.ps1, Set-ProKiosk.ps1,
    Remove-KioskLockdown.ps1): the dedicated kiosk account, auto-logon with its password as
    an LSA secret (never in the registry in clear), the per-account policies written into the
    account's own registry hive, Keyboard Filter where the edition has it, and a way to run
    a step as LocalSystem (the MDM WMI bridge that configures Shell Launcher v2 demands it).
    Windows PowerShell 5.1, as every supported Windows ships it.
#>
Set-StrictMode -Version 3

$script:LogFile = Join-Path $env:ProgramData 'passculture-kiosk\Logs\lockdown.log'
$script:TaskFolder = '\passculture-kiosk\'
$script:EdgeUiKey = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\EdgeUI'

# Per-account policies (path under the account's HKEY_USERS hive, value, data). Explorer
# and Windows read them at sign-in; they hide what lets a visitor leave the kiosk.
$script:UserPolicies = @(
    @('Software\Microsoft\Windows\CurrentVersion\Policies\System', 'DisableTaskMgr', 1),
    @('Software\Microsoft\Windows\CurrentVersion\Policies\System', 'DisableLockWorkstation', 1),
    @('Software\Microsoft\Windows\CurrentVersion\Policies\System', 'DisableChangePassword', 1),
    @('Software\Microsoft\Windows\CurrentVersion\Policies\Explorer', 'NoWinKeys', 1),
    @('Software\Microsoft\Windows\CurrentVersion\Policies\Explorer', 'NoRun', 1),
    @('Software\Microsoft\Windows\CurrentVersion\Policies\Explorer', 'NoTrayContextMenu', 1),
    @('Software\Policies\Microsoft\Windows\CurrentVersion\PushNotifications', 'NoToastApplicationNotification', 1),
    @('Software\Policies\Microsoft\Windows\Explorer', 'DisableNotificationCenter', 1)
)

# Keyboard Filter predefined keys blocked for the kiosk account (administrators are exempt
# through WEKF_Settings DisableKeyboardFilterForAdministrators).
$script:BlockedKeys = @(
    'Ctrl+Alt+Del', 'Shift+Ctrl+Esc', 'Ctrl+Esc', 'Windows', 'Application', 'Win+L',
    'Alt+F4', 'Alt+Tab', 'Shift+Alt+Tab', 'Alt+Esc', 'Alt+Space', 'Win+Tab', 'Win+D', 'Win+E', 'Win+R'
)

function Write-KioskLog {
    param([Parameter(Mandatory)] [string] $Message, [switch] $Quiet)
    if (-not $Quiet) { Write-Host $Message }
    try {
        $folder = Split-Path -Parent $script:LogFile
        if (-not (Test-Path -LiteralPath $folder)) { New-Item -ItemType Directory -Path $folder -Force | Out-Null }
        $line = '{0:yyyy-MM-ddTHH:mm:ssK} {1}' -f (Get-Date), $Message
        Add-Content -LiteralPath $script:LogFile -Value $line -Encoding UTF8
    } catch { }
}

function Get-KioskEdition {
    <# 'ShellLauncher' (Enterprise, Education, IoT Enterprise), 'Pro', 'Home' or 'Unknown'. #>
    $id = (Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion').EditionID
    if ($id -like 'Professional*') { return 'Pro' }  # Pro, Pro Education, Pro for Workstations
    if ($id -like 'Enterprise*' -or $id -like 'Education*' -or $id -like 'IoTEnterprise*') {
        return 'ShellLauncher'
    }
    if ($id -like 'Core*') { return 'Home' }
    return 'Unknown'
}

function Get-KioskInstallDir {
    $key = 'HKLM:\SOFTWARE\passculture-kiosk'
    $dir = (Get-ItemProperty -LiteralPath $key -Name InstallDir -ErrorAction SilentlyContinue).InstallDir
    if (-not $dir) { $dir = Split-Path -Parent (Split-Path -Parent $PSScriptRoot) }
    if (-not (Test-Path -LiteralPath (Join-Path $dir 'passculture-kiosk.exe'))) {
        throw "the kiosk is not installed (no passculture-kiosk.exe in $dir): install the MSI first"
    }
    return $dir.TrimEnd('\')
}

function Get-KioskLauncherCommand {
    <# The command line that starts the kiosk through Start-Kiosk.ps1 (pending enrollment first). #>
    param([switch] $Restart)
    $powershell = Join-Path $env:SystemRoot 'System32\WindowsPowerShell\v1.0\powershell.exe'
    $script = Join-Path (Get-KioskInstallDir) 'tools\Start-Kiosk.ps1'
    $command = '"{0}" -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -WindowStyle Hidden -File "{1}"' -f $powershell, $script
    if ($Restart) { $command += ' -Restart' }
    return $command
}

function New-KioskPassword {
    # 30 random bytes, Base64: 40 characters mixing cases, digits and symbols.
    $bytes = New-Object byte[] 30
    $rng = [System.Security.Cryptography.RandomNumberGenerator]::Create()
    try { $rng.GetBytes($bytes) } finally { $rng.Dispose() }
    return ConvertTo-SecureString ([Convert]::ToBase64String($bytes) + '!a1') -AsPlainText -Force
}

function Initialize-KioskAccount {
    <#
        Creates the local standard account the kiosk runs as (or reuses it) and gives it a new
        random password, which only auto-logon knows. Returns its SID.
    #>
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [securestring] $Password)
    $user = Get-LocalUser -Name $Name -ErrorAction SilentlyContinue
    if ($null -eq $user) {
        $user = New-LocalUser -Name $Name -Password $Password -FullName 'Borne pass Culture' `
            -Description 'pass Culture kiosk: signs in automatically and runs only the kiosk' `
            -AccountNeverExpires -PasswordNeverExpires -UserMayNotChangePassword
        Write-KioskLog "created the local account $Name"
    } else {
        Set-LocalUser -Name $Name -Password $Password -PasswordNeverExpires $true
        Enable-LocalUser -Name $Name
        Write-KioskLog "reusing the local account $Name (new random password)"
    }
    $users = (New-Object System.Security.Principal.SecurityIdentifier 'S-1-5-32-545').Translate(
        [System.Security.Principal.NTAccount]).Value.Split('\')[-1]
    if (-not (Get-LocalGroupMember -Group $users -Member $Name -ErrorAction SilentlyContinue)) {
        Add-LocalGroupMember -Group $users -Member $Name
    }
    $admins = (New-Object System.Security.Principal.SecurityIdentifier 'S-1-5-32-544').Translate(
        [System.Security.Principal.NTAccount]).Value.Split('\')[-1]
    if (Get-LocalGroupMember -Group $admins -Member $Name -ErrorAction SilentlyContinue) {
        throw "the account $Name is an administrator: a kiosk account must be a standard user"
    }
    return $user.SID.Value
}

function Add-NativeTypes {
    if ('PassCultureKiosk.Native' -as [type]) { return }
    Add-Type -TypeDefinition @'
using System;
using System.Runtime.InteropServices;
using System.Text;

namespace PassCultureKiosk {
    public static class Native {
        [StructLayout(LayoutKind.Sequential)]
        struct LsaUnicodeString { public ushort Length; public ushort MaximumLength; public IntPtr Buffer; }

        [StructLayout(LayoutKind.Sequential)]
        struct LsaObjectAttributes {
            public int Length; public IntPtr RootDirectory; public IntPtr ObjectName;
            public uint Attributes; public IntPtr SecurityDescriptor; public IntPtr SecurityQualityOfService;
        }

        [DllImport("advapi32.dll")]
        static extern uint LsaOpenPolicy(IntPtr system, ref LsaObjectAttributes attributes, uint access, out IntPtr handle);
        [DllImport("advapi32.dll")]
        static extern uint LsaStorePrivateData(IntPtr handle, ref LsaUnicodeString key, IntPtr data);
        [DllImport("advapi32.dll")]
        static extern uint LsaClose(IntPtr handle);
        [DllImport("advapi32.dll")]
        static extern int LsaNtStatusToWinError(uint status);
        [DllImport("userenv.dll", CharSet = CharSet.Unicode)]
        static extern int CreateProfile(string sid, string name, StringBuilder path, uint size);

        const uint POLICY_CREATE_SECRET = 0x20;

        static LsaUnicodeString Unicode(string text) {
            var value = new LsaUnicodeString();
            value.Buffer = Marshal.StringToHGlobalUni(text);
            value.Length = (ushort)(text.Length * 2);
            value.MaximumLength = (ushort)((text.Length + 1) * 2);
            return value;
        }

        // Stores (or, with null, deletes) an LSA secret such as DefaultPassword, which
        // Winlogon reads for auto-logon instead of a clear-text registry value.
        public static void StoreSecret(string name, string secret) {
            var attributes = new LsaObjectAttributes();
            attributes.Length = Marshal.SizeOf(typeof(LsaObjectAttributes));
            IntPtr policy;
            uint status = LsaOpenPolicy(IntPtr.Zero, ref attributes, POLICY_CREATE_SECRET, out policy);
            if (status != 0) throw new System.ComponentModel.Win32Exception(LsaNtStatusToWinError(status));
            var key = Unicode(name);
            IntPtr data = IntPtr.Zero;
            LsaUnicodeString value = new LsaUnicodeString();
            try {
                if (secret != null) {
                    value = Unicode(secret);
                    data = Marshal.AllocHGlobal(Marshal.SizeOf(typeof(LsaUnicodeString)));
                    Marshal.StructureToPtr(value, data, false);
                }
                status = LsaStorePrivateData(policy, ref key, data);
                if (status != 0) throw new System.ComponentModel.Win32Exception(LsaNtStatusToWinError(status));
            } finally {
                Marshal.FreeHGlobal(key.Buffer);
                if (value.Buffer != IntPtr.Zero) {
                    for (int i = 0; i < value.Length; i++) Marshal.WriteByte(value.Buffer, i, 0);
                    Marshal.FreeHGlobal(value.Buffer);
                }
                if (data != IntPtr.Zero) Marshal.FreeHGlobal(data);
                LsaClose(policy);
            }
        }

        // Creates the profile of an account that never signed in, so that its registry hive
        // exists and its policies can be written before the first sign-in.
        public static void EnsureProfile(string sid, string name) {
            var path = new StringBuilder(260);
            int result = CreateProfile(sid, name, path, (uint)path.Capacity);
            if (result != 0 && result != unchecked((int)0x800700B7)) {  // already exists
                Marshal.ThrowExceptionForHR(result);
            }
        }
    }
}
'@
}

function Set-KioskAutoLogon {
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [securestring] $Password)
    Add-NativeTypes
    $winlogon = 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon'
    $pointer = [Runtime.InteropServices.Marshal]::SecureStringToGlobalAllocUnicode($Password)
    try {
        [PassCultureKiosk.Native]::StoreSecret(
            'DefaultPassword', [Runtime.InteropServices.Marshal]::PtrToStringUni($pointer))
    } finally {
        [Runtime.InteropServices.Marshal]::ZeroFreeGlobalAllocUnicode($pointer)
    }
    Set-ItemProperty -LiteralPath $winlogon -Name AutoAdminLogon -Value '1' -Type String
    Set-ItemProperty -LiteralPath $winlogon -Name DefaultUserName -Value $Name -Type String
    Set-ItemProperty -LiteralPath $winlogon -Name DefaultDomainName -Value $env:COMPUTERNAME -Type String
    # A clear-text DefaultPassword would win over the LSA secret: never leave one.
    Remove-ItemProperty -LiteralPath $winlogon -Name DefaultPassword -ErrorAction SilentlyContinue
    Remove-ItemProperty -LiteralPath $winlogon -Name AutoLogonCount -ErrorAction SilentlyContinue
    Write-KioskLog "auto-logon set for $Name (password kept as an LSA secret)"
}

function Remove-KioskAutoLogon {
    param([Parameter(Mandatory)] [string] $Name, [switch] $Quiet)
    $winlogon = 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon'
    $current = (Get-ItemProperty -LiteralPath $winlogon -Name DefaultUserName -ErrorAction SilentlyContinue).DefaultUserName
    if ($current -ne $Name) { return }
    Add-NativeTypes
    Set-ItemProperty -LiteralPath $winlogon -Name AutoAdminLogon -Value '0' -Type String
    Remove-ItemProperty -LiteralPath $winlogon -Name DefaultPassword -ErrorAction SilentlyContinue
    try { [PassCultureKiosk.Native]::StoreSecret('DefaultPassword', $null) } catch { }
    Write-KioskLog "auto-logon of $Name removed" -Quiet:$Quiet
}

function Invoke-WithUserHive {
    <# Runs $Action with the registry path of the account's HKEY_USERS hive (loaded if needed). #>
    param([Parameter(Mandatory)] [string] $Sid, [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [scriptblock] $Action)
    if (Test-Path -LiteralPath "Registry::HKEY_USERS\$Sid") {
        & $Action "Registry::HKEY_USERS\$Sid"  # signed in: its hive is already loaded
        return
    }
    Add-NativeTypes
    [PassCultureKiosk.Native]::EnsureProfile($Sid, $Name)
    $profileKey = "HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList\$Sid"
    $profilePath = [Environment]::ExpandEnvironmentVariables(
        (Get-ItemProperty -LiteralPath $profileKey -Name ProfileImagePath).ProfileImagePath)
    $mount = "pck-$Sid"
    & reg.exe load "HKU\$mount" (Join-Path $profilePath 'NTUSER.DAT') | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "cannot load the registry hive of $Name" }
    try {
        & $Action "Registry::HKEY_USERS\$mount"
    } finally {
        [GC]::Collect()
        [GC]::WaitForPendingFinalizers()
        & reg.exe unload "HKU\$mount" | Out-Null
    }
}

function Set-KioskUserPolicies {
    param([Parameter(Mandatory)] [string] $Sid, [Parameter(Mandatory)] [string] $Name)
    Invoke-WithUserHive -Sid $Sid -Name $Name -Action {
        param($root)
        foreach ($policy in $script:UserPolicies) {
            $key = Join-Path $root $policy[0]
            if (-not (Test-Path -LiteralPath $key)) { New-Item -Path $key -Force | Out-Null }
            New-ItemProperty -LiteralPath $key -Name $policy[1] -Value $policy[2] -PropertyType DWord -Force | Out-Null
        }
    }
    Write-KioskLog "policies for $Name set: no Task Manager, no Windows key shortcuts, no notifications"
}

function Remove-KioskUserPolicies {
    param([Parameter(Mandatory)] [string] $Sid, [Parameter(Mandatory)] [string] $Name, [switch] $Quiet)
    if (-not (Test-Path -LiteralPath "HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList\$Sid")) { return }
    Invoke-WithUserHive -Sid $Sid -Name $Name -Action {
        param($root)
        foreach ($policy in $script:UserPolicies) {
            Remove-ItemProperty -LiteralPath (Join-Path $root $policy[0]) -Name $policy[1] -ErrorAction SilentlyContinue
        }
    }
    Write-KioskLog "policies for $Name removed" -Quiet:$Quiet
}

function Set-KioskMachinePolicies {
    # Edge swipes (touch screens) exist per machine only: this one applies to every account
    # of the kiosk PC, administrators included. Remove-KioskLockdown.ps1 takes it back.
    if (-not (Test-Path -LiteralPath $script:EdgeUiKey)) { New-Item -Path $script:EdgeUiKey -Force | Out-Null }
    New-ItemProperty -LiteralPath $script:EdgeUiKey -Name AllowEdgeSwipe -Value 0 -PropertyType DWord -Force | Out-Null
    # The screen never sleeps and the PC never goes to standby while plugged in.
    foreach ($setting in 'monitor-timeout-ac', 'standby-timeout-ac', 'hibernate-timeout-ac') {
        & powercfg.exe /change $setting 0 | Out-Null
    }
    Write-KioskLog 'edge swipes disabled (AllowEdgeSwipe = 0); screen and standby timeouts off'
}

function Remove-KioskMachinePolicies {
    param([switch] $Quiet)
    Remove-ItemProperty -LiteralPath $script:EdgeUiKey -Name AllowEdgeSwipe -ErrorAction SilentlyContinue
    Write-KioskLog 'edge swipes allowed again' -Quiet:$Quiet
}

function Enable-KioskKeyboardFilter {
    <#
        Blocks the shortcuts that leave the kiosk, with Keyboard Filter (Enterprise, Education,
        IoT Enterprise: not in Pro). Returns 'Enabled', 'RebootRequired' or 'Unavailable'.
    #>
    $feature = $null
    if ((Get-KioskEdition) -eq 'ShellLauncher') {
        $feature = Get-WindowsOptionalFeature -Online -FeatureName Client-KeyboardFilter -ErrorAction SilentlyContinue
    }
    if ($null -eq $feature) {
        Write-KioskLog 'Keyboard Filter is not available in this edition of Windows'
        return 'Unavailable'
    }
    if ($feature.State -ne 'Enabled') {
        Enable-WindowsOptionalFeature -Online -FeatureName Client-KeyboardFilter -NoRestart -All | Out-Null
        Write-KioskLog 'Keyboard Filter enabled: restart the PC, then run this script again to block the keys'
        return 'RebootRequired'
    }
    $namespace = 'root\standardcimv2\embedded'
    $known = @(Get-CimInstance -Namespace $namespace -ClassName WEKF_PredefinedKey)
    foreach ($id in $script:BlockedKeys) {
        $key = $known | Where-Object { $_.Id -eq $id }
        if ($null -eq $key) { Write-KioskLog "Keyboard Filter has no predefined key '$id'"; continue }
        Set-CimInstance -InputObject $key -Property @{ Enabled = $true } | Out-Null
    }
    $settings = Get-CimInstance -Namespace $namespace -ClassName WEKF_Settings |
        Where-Object { $_.Name -eq 'DisableKeyboardFilterForAdministrators' }
    if ($settings) { Set-CimInstance -InputObject $settings -Property @{ Value = 'true' } | Out-Null }
    Set-Service -Name MsKeyboardFilter -StartupType Automatic -ErrorAction SilentlyContinue
    Write-KioskLog ("Keyboard Filter blocks {0} for every account but the administrators" -f ($script:BlockedKeys -join ', '))
    return 'Enabled'
}

function Disable-KioskKeyboardFilter {
    param([switch] $Quiet)
    $namespace = 'root\standardcimv2\embedded'
    $known = @(Get-CimInstance -Namespace $namespace -ClassName WEKF_PredefinedKey -ErrorAction SilentlyContinue)
    foreach ($key in $known) {
        if ($script:BlockedKeys -contains $key.Id -and $key.Enabled) {
            Set-CimInstance -InputObject $key -Property @{ Enabled = $false } | Out-Null
        }
    }
    if ($known.Count) { Write-KioskLog 'Keyboard Filter keys unblocked' -Quiet:$Quiet }
}

function Protect-PendingEnrollment {
    <# Narrows a pending enrollment left by the MSI to the kiosk account (instead of Users). #>
    param([Parameter(Mandatory)] [string] $Sid)
    $pending = Join-Path $env:ProgramData 'passculture-kiosk\enrollment.pending'
    if (-not (Test-Path -LiteralPath $pending)) { return }
    $acl = New-Object System.Security.AccessControl.FileSecurity
    $acl.SetAccessRuleProtection($true, $false)
    foreach ($rule in @(@('S-1-5-18', 'FullControl'), @('S-1-5-32-544', 'FullControl'), @($Sid, 'Read, Delete'))) {
        $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule(
                        (New-Object System.Security.Principal.SecurityIdentifier $rule[0]), $rule[1], 'Allow')))
    }
    Set-Acl -LiteralPath $pending -AclObject $acl
    Write-KioskLog 'the pending enrollment is now readable by the kiosk account only'
}

function Test-IsSystem {
    return [System.Security.Principal.WindowsIdentity]::GetCurrent().User.Value -eq 'S-1-5-18'
}

function Invoke-AsSystem {
    <#
        Runs a script as LocalSystem through a one-shot scheduled task and returns its output;
        throws with that output when it fails. Runs it directly when already LocalSystem.
    #>
    param([Parameter(Mandatory)] [string] $Script)
    if (Test-IsSystem) {
        return (& ([scriptblock]::Create($Script)))
    }
    $work = Join-Path $env:ProgramData 'passculture-kiosk\Logs'
    if (-not (Test-Path -LiteralPath $work)) { New-Item -ItemType Directory -Path $work -Force | Out-Null }
    $output = Join-Path $work 'as-system.txt'
    Remove-Item -LiteralPath $output -Force -ErrorAction SilentlyContinue
    $wrapped = "`$ErrorActionPreference = 'Stop'; try { & { $Script } *>&1 | Out-File -LiteralPath '$output' -Encoding UTF8; exit 0 } catch { `$_ | Out-File -LiteralPath '$output' -Encoding UTF8 -Append; exit 1 }"
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($wrapped))
    $name = 'as-system-' + [guid]::NewGuid().ToString('N')
    $action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument "-NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand $encoded"
    $principal = New-ScheduledTaskPrincipal -UserId 'S-1-5-18' -LogonType ServiceAccount -RunLevel Highest
    Register-ScheduledTask -TaskName $name -TaskPath $script:TaskFolder -Action $action -Principal $principal -Force | Out-Null
    try {
        Start-ScheduledTask -TaskName $name -TaskPath $script:TaskFolder
        # Until the task has run and ended: "has not run yet" (0x41303) and "running"
        # (0x41301) are results too, and the state reads Ready before the task starts.
        $pending = @(0x41303, 0x41301)
        $deadline = (Get-Date).AddMinutes(5)
        do {
            Start-Sleep -Milliseconds 500
            $state = (Get-ScheduledTask -TaskName $name -TaskPath $script:TaskFolder).State
            $result = (Get-ScheduledTaskInfo -TaskName $name -TaskPath $script:TaskFolder).LastTaskResult
            $finished = $state -eq 'Ready' -and $pending -notcontains $result
        } while (-not $finished -and (Get-Date) -lt $deadline)
        $text = if (Test-Path -LiteralPath $output) { Get-Content -LiteralPath $output -Raw } else { '' }
        if (-not $finished) { throw "the step run as SYSTEM did not finish within 5 minutes" }
        if ($result -ne 0) { throw "the step run as SYSTEM failed ($result): $text" }
        return $text
    } finally {
        Unregister-ScheduledTask -TaskName $name -TaskPath $script:TaskFolder -Confirm:$false -ErrorAction SilentlyContinue
        Remove-Item -LiteralPath $output -Force -ErrorAction SilentlyContinue
    }
}

Export-ModuleMember -Function *
