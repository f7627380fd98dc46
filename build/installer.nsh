; Included by the Windows installer (electron-builder.yml, nsis.include). Netwright's graph
; documents are .json files: the installer adds Netwright to the Open With list of .json files and
; leaves their default program alone. (.onnx is associated by electron-builder's fileAssociations.)

!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\Classes\Netwright.Design" "" "Netwright design"
  WriteRegStr SHELL_CONTEXT "Software\Classes\Netwright.Design\DefaultIcon" "" "$appExe,0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\Netwright.Design\shell\open" "" "Open with Netwright"
  WriteRegStr SHELL_CONTEXT "Software\Classes\Netwright.Design\shell\open\command" "" '"$appExe" "%1"'
  WriteRegNone SHELL_CONTEXT "Software\Classes\.json\OpenWithProgids" "Netwright.Design"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, i 0, i 0)'
!macroend

!macro customUnInstall
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.json\OpenWithProgids" "Netwright.Design"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\Netwright.Design"
!macroend
