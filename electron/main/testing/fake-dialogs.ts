/**
 * A DialogService that answers like a user would, from answers the test gives in advance, and
 * records what it was asked. Test support only.
 */
import type { DialogService, FileDialogRequest, UnsavedChangesChoice } from '../dialog-service.ts';

export class FakeDialogs implements DialogService {
  readonly opened: FileDialogRequest[] = [];
  readonly saved: FileDialogRequest[] = [];
  readonly errors: { message: string; detail: string }[] = [];
  readonly asked: string[] = [];
  openAnswers: (string | undefined)[] = [];
  saveAnswers: (string | undefined)[] = [];
  unsavedChangesAnswer: UnsavedChangesChoice = 'cancel';
  recoverAnswer = false;

  chooseFileToOpen(request: FileDialogRequest): Promise<string | undefined> {
    this.opened.push(request);
    return Promise.resolve(this.openAnswers.shift());
  }

  chooseFileToSave(request: FileDialogRequest): Promise<string | undefined> {
    this.saved.push(request);
    return Promise.resolve(this.saveAnswers.shift());
  }

  askToSaveChanges(designName: string): Promise<UnsavedChangesChoice> {
    this.asked.push(`save ${designName}`);
    return Promise.resolve(this.unsavedChangesAnswer);
  }

  askToRecover(designName: string): Promise<boolean> {
    this.asked.push(`recover ${designName}`);
    return Promise.resolve(this.recoverAnswer);
  }

  showError(message: string, detail: string): void {
    this.errors.push({ message, detail });
  }
}
