; govbuy-setup.exe: installs 政府购买服务管理 for the user who runs it, with
; no administrator rights, under %LocalAppData%\Programs\govbuy. The data
; (%AppData%\govbuy, or wherever --db points) is never touched: not on
; upgrade, not on uninstall. /S installs silently, for IT departments.
; scripts/package-windows.sh passes VERSION, VERSION4, EXE, ICON and OUTFILE.
Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define NAME "政府购买服务管理"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\govbuy"

Name "${NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\govbuy"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
ShowInstDetails nevershow
ShowUninstDetails nevershow

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=2052 "ProductName" "${NAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${NAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "govbuy"
VIAddVersionKey /LANG=2052 "LegalCopyright" "govbuy 项目"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\govbuy.exe"
!define MUI_FINISHPAGE_RUN_TEXT "启动${NAME}"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Section "govbuy"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; A window still open holds govbuy.exe: say so rather than leave half an
  ; upgrade (in silent mode the install fails with status 2).
  SetOverwrite try
  ClearErrors
  File "/oname=govbuy.exe" "${EXE}"
  IfErrors 0 +3
    MessageBox MB_OK|MB_ICONSTOP "无法替换 govbuy.exe：请先关闭正在运行的${NAME}，再运行安装程序。" /SD IDOK
    Abort
  SetOverwrite on
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${NAME}.lnk" "$INSTDIR\govbuy.exe" "" "$INSTDIR\govbuy.exe" 0
  CreateShortcut "$DESKTOP\${NAME}.lnk" "$INSTDIR\govbuy.exe" "" "$INSTDIR\govbuy.exe" 0
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\govbuy.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "govbuy"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

; Removes only what the installer put there, by name: never a folder with
; whatever is in it, so data kept beside the program survives too.
Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\govbuy.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${NAME}.lnk"
  Delete "$DESKTOP\${NAME}.lnk"
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd
